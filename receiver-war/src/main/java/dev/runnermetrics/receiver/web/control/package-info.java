/** Links the receiver hands out, built from its configured public URL. */
package dev.runnermetrics.receiver.web.control;
