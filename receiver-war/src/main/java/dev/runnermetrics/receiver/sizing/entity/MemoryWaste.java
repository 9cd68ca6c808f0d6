package dev.runnermetrics.receiver.sizing.entity;

import jakarta.json.bind.annotation.JsonbProperty;
import jakarta.json.bind.annotation.JsonbPropertyOrder;

/**
 * Memory reserved and used over the runs with a known memory limit, in GiB-hours: reserved = limit
 * × duration, used = average memory × duration; {@code advice_saves} is reserved minus the advised
 * limit × duration (negative when the advice asks for more).
 */
@JsonbPropertyOrder({
  "runs",
  "reservedGibHours",
  "usedGibHours",
  "wasteGibHours",
  "adviceSavesGibHours"
})
public record MemoryWaste(
    int runs,
    @JsonbProperty("reserved_gib_hours") double reservedGibHours,
    @JsonbProperty("used_gib_hours") double usedGibHours,
    @JsonbProperty("waste_gib_hours") double wasteGibHours,
    @JsonbProperty("advice_saves_gib_hours") Double adviceSavesGibHours) {}
