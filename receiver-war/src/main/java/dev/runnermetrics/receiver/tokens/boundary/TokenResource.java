package dev.runnermetrics.receiver.tokens.boundary;

import dev.runnermetrics.common.scope.Scope;
import dev.runnermetrics.receiver.auth.boundary.ReadTokenRequired;
import dev.runnermetrics.receiver.auth.control.Credentials;
import dev.runnermetrics.receiver.auth.control.MintedToken;
import dev.runnermetrics.receiver.problems.control.RequestBodies;
import dev.runnermetrics.receiver.tokens.control.TokenLifetimes;
import dev.runnermetrics.receiver.tokens.entity.TokenRequest;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.format.DateTimeFormatter;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;

/** Mints the push token of a scope for whoever holds the read token. */
@Path("token")
@RequestScoped
public class TokenResource {

  @Inject Credentials credentials;

  @Inject TokenLifetimes lifetimes;

  @POST
  @ReadTokenRequired
  @Consumes(MediaType.APPLICATION_JSON)
  @Produces(MediaType.APPLICATION_JSON)
  @Operation(
      summary = "Mint a scoped push token",
      description =
          "Body: organization, repository (bare or org/name), workflow, job, and optionally"
              + " expires_in (seconds, up to receiver.token-max-lifetime; default"
              + " receiver.token-default-lifetime). The token is v1.<expiry in Unix seconds>.<64"
              + " hex digits of HMAC-SHA256 over the expiry and the canonical scope>.")
  @SecurityRequirement(name = "bearer")
  @APIResponse(
      responseCode = "200",
      description = "{\"token\": \"v1.<expiry>.<64 hex>\", \"expires_at\": \"<RFC 3339>\"}")
  @APIResponse(
      responseCode = "400",
      description = "A scope field is missing or invalid, or expires_in is out of bounds")
  @APIResponse(responseCode = "401", description = "No read token")
  public Response mint(TokenRequest request) {
    Scope scope =
        Scope.of(request.organization(), request.repository(), request.workflow(), request.job());
    MintedToken minted = credentials.mint(scope, lifetimes.lifetime(request.expiresIn()));
    String body =
        RequestBodies.JSON
            .createObjectBuilder()
            .add("token", minted.token())
            .add("expires_at", DateTimeFormatter.ISO_INSTANT.format(minted.expiresAt()))
            .build()
            .toString();
    return Response.ok(body).header("Cache-Control", "no-store").build();
  }
}
