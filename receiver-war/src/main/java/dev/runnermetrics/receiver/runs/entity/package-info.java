/** The stored run and its container rows as JPA entities, and a push body as read off the wire. */
package dev.runnermetrics.receiver.runs.entity;
