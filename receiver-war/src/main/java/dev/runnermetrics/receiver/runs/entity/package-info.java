/** The stored run as a JPA entity, and a push body as read off the wire. */
package dev.runnermetrics.receiver.runs.entity;
