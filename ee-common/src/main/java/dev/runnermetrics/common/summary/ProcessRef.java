package dev.runnermetrics.common.summary;

import jakarta.json.bind.annotation.JsonbPropertyOrder;
import jakarta.json.bind.annotation.JsonbTypeDeserializer;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;

/** A process named by its pid and name, e.g. one that vanished when its cgroup's OOM count rose. */
@JsonbPropertyOrder({"pid", "name"})
public record ProcessRef(
    @JsonbTypeDeserializer(StrictInteger.class) @PositiveOrZero int pid,
    @NotNull @Size(max = 255) @Pattern(regexp = Limits.NO_CONTROL_CHARACTERS) String name) {}
