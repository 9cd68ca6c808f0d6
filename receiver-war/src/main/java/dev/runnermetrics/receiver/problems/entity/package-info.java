/** The problem detail every error answer carries, and the exception that carries it. */
package dev.runnermetrics.receiver.problems.entity;
