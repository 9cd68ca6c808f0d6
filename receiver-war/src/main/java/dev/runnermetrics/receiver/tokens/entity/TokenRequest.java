package dev.runnermetrics.receiver.tokens.entity;

/**
 * The body of {@code POST /api/v1/token}: the scope a push token is wanted for; the repository may
 * be bare ({@code my-repo}). Checked by {@code Scope.of}.
 */
public record TokenRequest(String organization, String repository, String workflow, String job) {}
