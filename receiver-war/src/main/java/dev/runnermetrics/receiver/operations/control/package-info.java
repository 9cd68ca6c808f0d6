/** Metrics for operators: what the receiver did and holds, in MicroProfile Metrics. */
package dev.runnermetrics.receiver.operations.control;
