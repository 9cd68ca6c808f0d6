package dev.runnermetrics.collector.procfs;

/**
 * A PSI file: the {@code some} line and, where the kernel writes it, the {@code full} line (null:
 * {@code /proc/pressure/cpu} before 5.13 has none).
 */
public record PressureFile(PressureLine some, PressureLine full) {}
