/** System.Logger backend: text or JSON lines on stderr, one level for the whole process. */
package dev.runnermetrics.collector.logging;
