package dev.runnermetrics.receiver;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.info.Info;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;

/** The receiver's HTTP API under {@code /api/v1}, served from the root context. */
@ApplicationPath("api/v1")
@OpenAPIDefinition(
    info =
        @Info(
            title = "Runner metrics receiver",
            version = "1",
            description =
                "Stores CPU and memory summaries of CI runs pushed by the collector, per"
                    + " organization, repository, workflow and job."))
@SecurityScheme(
    securitySchemeName = "bearer",
    type = SecuritySchemeType.HTTP,
    scheme = "bearer",
    description = "The read token, or for POST /metrics the push token of the body's scope")
public class ReceiverApplication extends Application {

  /**
   * No WADL (it described the whole API, Jersey's version included, to anyone without a token), and
   * a relative {@code Location} stays relative instead of being completed from the request's {@code
   * Host} header (see {@code PublicLinks}).
   */
  @Override
  public Map<String, Object> getProperties() {
    return Map.of(
        "jersey.config.server.wadl.disableWadl",
        true,
        "jersey.config.server.headers.location.relative.resolution.disabled",
        true);
  }
}
