/** Tiny workload programs the system tests run under their own process names. */
package dev.runnermetrics.systemtests.workload;
