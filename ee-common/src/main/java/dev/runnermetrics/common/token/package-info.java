/**
 * Stateless push tokens: HMAC-SHA256 of a canonical scope (and, for expiring tokens, their expiry)
 * under the receiver's signing key or one of its previous keys.
 */
package dev.runnermetrics.common.token;
