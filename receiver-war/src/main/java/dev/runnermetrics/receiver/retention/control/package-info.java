/**
 * Retention: deletes runs older than {@code receiver.retention}, in small batches, on a schedule.
 */
package dev.runnermetrics.receiver.retention.control;
