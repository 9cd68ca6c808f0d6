/** Process-level tests: the real jar, real /proc, real cgroups, real HTTP on loopback. */
package dev.runnermetrics.collector.it;
