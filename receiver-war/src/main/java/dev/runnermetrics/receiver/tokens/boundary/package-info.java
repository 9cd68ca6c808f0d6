/** HTTP endpoint that mints push tokens. */
package dev.runnermetrics.receiver.tokens.boundary;
