/** The usage export: each job's latest figures and advice per container, as Prometheus text. */
package dev.runnermetrics.receiver.export.control;
