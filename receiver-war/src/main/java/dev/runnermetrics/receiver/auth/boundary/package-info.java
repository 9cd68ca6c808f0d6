/** Name-bound request filters that check bearer tokens before any resource runs. */
package dev.runnermetrics.receiver.auth.boundary;
