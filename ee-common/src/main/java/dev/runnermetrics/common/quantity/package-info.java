/** Kubernetes resource quantities ({@code 500m}, {@code 1Gi}) as cores and bytes. */
package dev.runnermetrics.common.quantity;
