/**
 * Delivers the summary: one POST, retried with backoff and jitter while the push timeout allows.
 */
package dev.runnermetrics.collector.push;
