/** The dashboard's HTTP edge: sign-in and sign-out, the session check, security headers. */
package dev.runnermetrics.receiver.ui.boundary;
