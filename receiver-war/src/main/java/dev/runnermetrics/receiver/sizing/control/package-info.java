/**
 * The sizing method (advice, waste and their renderings, pure functions of container rows) and the
 * two readers that feed it: a job's newest runs and the organisation's SQL aggregates.
 */
package dev.runnermetrics.receiver.sizing.control;
