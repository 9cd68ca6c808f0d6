/** End-to-end tests: real receiver and collector processes, real cgroups, assertions on values. */
package dev.runnermetrics.systemtests;
