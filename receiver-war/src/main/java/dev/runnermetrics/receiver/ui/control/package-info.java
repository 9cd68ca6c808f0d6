/**
 * The dashboard's rules: who may sign in, how failures are slowed down, what counts as same-origin.
 */
package dev.runnermetrics.receiver.ui.control;
