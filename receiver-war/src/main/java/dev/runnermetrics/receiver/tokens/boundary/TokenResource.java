package dev.runnermetrics.receiver.tokens.boundary;

import dev.runnermetrics.common.scope.Scope;
import dev.runnermetrics.receiver.auth.boundary.ReadTokenRequired;
import dev.runnermetrics.receiver.auth.control.Credentials;
import dev.runnermetrics.receiver.problems.control.RequestBodies;
import dev.runnermetrics.receiver.tokens.entity.TokenRequest;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;

/** Mints the push token of a scope for whoever holds the read token. */
@Path("token")
@RequestScoped
public class TokenResource {

  @Inject Credentials credentials;

  @POST
  @ReadTokenRequired
  @Consumes(MediaType.APPLICATION_JSON)
  @Produces(MediaType.APPLICATION_JSON)
  @Operation(
      summary = "Mint a scoped push token",
      description =
          "Body: organization, repository (bare or org/name), workflow, job. The token is"
              + " HMAC-SHA256 of the canonical scope, as 64 lowercase hex digits.")
  @SecurityRequirement(name = "bearer")
  @APIResponse(responseCode = "200", description = "{\"token\": \"<64 hex>\"}")
  @APIResponse(responseCode = "400", description = "A scope field is missing or invalid")
  @APIResponse(responseCode = "401", description = "No read token")
  public Response mint(TokenRequest request) {
    Scope scope =
        Scope.of(request.organization(), request.repository(), request.workflow(), request.job());
    String body =
        RequestBodies.JSON
            .createObjectBuilder()
            .add("token", credentials.mint(scope))
            .build()
            .toString();
    return Response.ok(body).header("Cache-Control", "no-store").build();
  }
}
