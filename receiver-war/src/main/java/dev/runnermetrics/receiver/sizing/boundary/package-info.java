/** The sizing API: advice per job, the organisation view and usage trends, over HTTP. */
package dev.runnermetrics.receiver.sizing.boundary;
