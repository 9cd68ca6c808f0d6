/** Exception mappers that turn every failure into one application/problem+json answer. */
package dev.runnermetrics.receiver.problems.boundary;
