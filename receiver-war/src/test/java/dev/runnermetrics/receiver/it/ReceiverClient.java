package dev.runnermetrics.receiver.it;

import jakarta.ws.rs.client.ClientBuilder;
import jakarta.ws.rs.client.WebTarget;
import java.net.URI;
import org.glassfish.jersey.client.proxy.WebResourceFactory;

/**
 * A {@link ReceiverApi} on the standard JAX-RS client (Jersey's proxy factory for the interface).
 */
public final class ReceiverClient {

  private ReceiverClient() {}

  /** The API of the receiver at {@code base} (e.g. {@code http://127.0.0.1:8080/}). */
  public static ReceiverApi of(URI base) {
    WebTarget target = ClientBuilder.newClient().target(base);
    return WebResourceFactory.newResource(ReceiverApi.class, target);
  }
}
