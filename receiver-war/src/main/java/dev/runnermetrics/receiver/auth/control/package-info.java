/** The read token and the HMAC key, and the rules for comparing presented tokens with them. */
package dev.runnermetrics.receiver.auth.control;
