package dev.runnermetrics.receiver.sizing.entity;

import jakarta.json.bind.annotation.JsonbProperty;
import jakarta.json.bind.annotation.JsonbPropertyOrder;

/**
 * CPU reserved and used over the runs with a known CPU limit, in core-hours: reserved = limit ×
 * duration, used = average cores × duration; {@code advice_saves} is reserved minus the advised
 * request × duration (negative when the advice asks for more).
 */
@JsonbPropertyOrder({
  "runs",
  "reservedCoreHours",
  "usedCoreHours",
  "wasteCoreHours",
  "adviceSavesCoreHours"
})
public record CpuWaste(
    int runs,
    @JsonbProperty("reserved_core_hours") double reservedCoreHours,
    @JsonbProperty("used_core_hours") double usedCoreHours,
    @JsonbProperty("waste_core_hours") double wasteCoreHours,
    @JsonbProperty("advice_saves_core_hours") Double adviceSavesCoreHours) {}
