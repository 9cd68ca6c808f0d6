/**
 * The sizing method: advice, waste and their renderings, pure functions of stored container rows.
 */
package dev.runnermetrics.receiver.sizing.control;
