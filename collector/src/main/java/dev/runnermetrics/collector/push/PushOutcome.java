package dev.runnermetrics.collector.push;

/**
 * How a push ended.
 *
 * @param status the last HTTP status, or 0 when no response came
 * @param detail what went wrong, for the log (never the token)
 */
public record PushOutcome(boolean delivered, int attempts, int status, String detail) {}
