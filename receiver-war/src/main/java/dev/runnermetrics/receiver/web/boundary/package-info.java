/** Servlet filters for what every answer needs, ahead of JAX-RS: headers and bare OPTIONS. */
package dev.runnermetrics.receiver.web.boundary;
