/**
 * The collector: {@link dev.runnermetrics.collector.Main} wires the parts, {@link
 * dev.runnermetrics.collector.Collector} runs the lifecycle.
 */
package dev.runnermetrics.collector;
