/** The token request body. */
package dev.runnermetrics.receiver.tokens.entity;
