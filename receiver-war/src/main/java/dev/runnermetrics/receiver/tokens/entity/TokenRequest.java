package dev.runnermetrics.receiver.tokens.entity;

import java.math.BigDecimal;

/**
 * The body of {@code POST /api/v1/token}: the scope a push token is wanted for (the repository may
 * be bare, {@code my-repo}; checked by {@code Scope.of}) and optionally {@code expires_in}, the
 * lifetime in seconds (null when not given; checked against the configured bounds).
 */
public record TokenRequest(
    String organization, String repository, String workflow, String job, BigDecimal expiresIn) {}
