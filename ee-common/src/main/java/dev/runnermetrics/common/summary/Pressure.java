package dev.runnermetrics.common.summary;

import jakarta.json.bind.annotation.JsonbPropertyOrder;
import jakarta.validation.Valid;

/**
 * Pressure stall information of a cgroup (v2 {@code cpu.pressure}, {@code memory.pressure}, {@code
 * io.pressure}) or of the host ({@code /proc/pressure/*}); a resource without a readable file is
 * null and absent.
 */
@JsonbPropertyOrder({"cpu", "memory", "io"})
public record Pressure(
    @Valid PressureStall cpu, @Valid PressureStall memory, @Valid PressureStall io) {}
