/** What a run belongs to (organization, repository, workflow, job) and its canonical form. */
package dev.runnermetrics.common.scope;
