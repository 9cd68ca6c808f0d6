/**
 * Servlet filters for what every answer needs, ahead of JAX-RS (headers, bare OPTIONS, the read
 * token on /metrics), and the listener that keeps malformed URLs out of the log.
 */
package dev.runnermetrics.receiver.web.boundary;
