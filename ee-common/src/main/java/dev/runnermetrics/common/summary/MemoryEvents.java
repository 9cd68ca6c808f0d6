package dev.runnermetrics.common.summary;

import jakarta.json.bind.annotation.JsonbProperty;
import jakarta.json.bind.annotation.JsonbPropertyOrder;
import jakarta.json.bind.annotation.JsonbTypeDeserializer;
import jakarta.validation.constraints.PositiveOrZero;

/**
 * How often a container's cgroup hit its memory bounds during the run (the counters' rise between
 * the first and the last tick). cgroup v2 {@code memory.events}: {@code high}, {@code max}, {@code
 * oom}, {@code oom_kill}, {@code oom_group_kill}; cgroup v1: {@code oom_kill} from {@code
 * memory.oom_control} and {@code failcnt} from {@code memory.failcnt}. A counter the kernel does
 * not offer is null and absent.
 */
@JsonbPropertyOrder({"high", "max", "oom", "oomKill", "oomGroupKill", "failcnt"})
public record MemoryEvents(
    @JsonbTypeDeserializer(StrictInteger.class) @PositiveOrZero Long high,
    @JsonbTypeDeserializer(StrictInteger.class) @PositiveOrZero Long max,
    @JsonbTypeDeserializer(StrictInteger.class) @PositiveOrZero Long oom,
    @JsonbProperty("oom_kill") @JsonbTypeDeserializer(StrictInteger.class) @PositiveOrZero
        Long oomKill,
    @JsonbProperty("oom_group_kill") @JsonbTypeDeserializer(StrictInteger.class) @PositiveOrZero
        Long oomGroupKill,
    @JsonbTypeDeserializer(StrictInteger.class) @PositiveOrZero Long failcnt) {}
