/** JSON records of the push request, the run summary and the stored run, with their constraints. */
package dev.runnermetrics.common.summary;
