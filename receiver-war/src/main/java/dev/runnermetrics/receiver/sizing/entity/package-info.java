/** What the sizing method reads (one container in one run) and what it answers, as JSON records. */
package dev.runnermetrics.receiver.sizing.entity;
