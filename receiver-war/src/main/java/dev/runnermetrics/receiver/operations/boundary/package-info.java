/** Feeds the operators' metrics from the API's traffic, without touching the resources. */
package dev.runnermetrics.receiver.operations.boundary;
