/**
 * The tick: reads every process, turns counter deltas into rates over measured time, groups them
 * into containers.
 */
package dev.runnermetrics.collector.sampling;
