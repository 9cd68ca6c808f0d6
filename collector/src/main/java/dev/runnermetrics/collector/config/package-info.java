/**
 * Settings: command line above environment above files, through SmallRye Config, checked at
 * start-up.
 */
package dev.runnermetrics.collector.config;
