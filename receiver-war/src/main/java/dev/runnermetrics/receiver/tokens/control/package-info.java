/** The rules for minting push tokens: how long a token lives. */
package dev.runnermetrics.receiver.tokens.control;
