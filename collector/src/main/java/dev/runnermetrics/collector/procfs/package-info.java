/**
 * The only code touching {@code /proc}: {@link dev.runnermetrics.collector.procfs.ProcFs} reads,
 * pure parsers turn text into records.
 */
package dev.runnermetrics.collector.procfs;
