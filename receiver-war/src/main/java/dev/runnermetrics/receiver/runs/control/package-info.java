/** Storage of runs in SQLite: schema, the single-writer store, queries and their JSON form. */
package dev.runnermetrics.receiver.runs.control;
