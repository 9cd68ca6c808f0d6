/** The contract shared by collector and receiver: JSON records, scopes, push tokens, quantities. */
package dev.runnermetrics.common;
