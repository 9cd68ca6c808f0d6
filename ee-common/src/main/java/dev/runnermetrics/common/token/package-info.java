/** Stateless push tokens: HMAC-SHA256 of a canonical scope under the receiver's key. */
package dev.runnermetrics.common.token;
