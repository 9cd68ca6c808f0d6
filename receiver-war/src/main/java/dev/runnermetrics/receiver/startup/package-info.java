/**
 * Start-up as clients see it: until the receiver has checked its settings and opened its database,
 * every request gets a 503 with {@code Retry-After}, never a 500 or a 404.
 */
package dev.runnermetrics.receiver.startup;
