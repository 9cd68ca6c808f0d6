/** HTTP ingest and query of runs, the push body reader, and the database readiness check. */
package dev.runnermetrics.receiver.runs.boundary;
