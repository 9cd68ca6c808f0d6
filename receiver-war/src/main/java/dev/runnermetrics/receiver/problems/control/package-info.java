/** Pure helpers that describe what is wrong with a request in the client's own terms. */
package dev.runnermetrics.receiver.problems.control;
