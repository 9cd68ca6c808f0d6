/** Accumulates tick samples and turns them into the run summary of the contract. */
package dev.runnermetrics.collector.summary;
