/** The receiver WAR: JAX-RS application, data source and start-up checks. */
package dev.runnermetrics.receiver;
