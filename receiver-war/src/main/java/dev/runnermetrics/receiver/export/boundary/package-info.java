/** The usage export's endpoint, {@code GET /api/v1/export/prometheus}. */
package dev.runnermetrics.receiver.export.boundary;
