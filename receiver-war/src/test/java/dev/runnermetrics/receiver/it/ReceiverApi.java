package dev.runnermetrics.receiver.it;

import dev.runnermetrics.common.summary.PushRequest;
import dev.runnermetrics.common.summary.StoredRun;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;

/**
 * The receiver's API as a typed JAX-RS interface over the ee-common records: token, push, query,
 * one run. Callers get an implementation from the standard JAX-RS client ({@link
 * ReceiverClient#of}).
 */
@Path("api/v1")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public interface ReceiverApi {

  /** A token request: the scope a push token is wanted for. */
  record TokenRequest(String organization, String repository, String workflow, String job) {}

  /** The answer of a token request. */
  record Token(String token) {}

  /** Mints the push token of a scope ({@code authorization}: {@code Bearer <read token>}). */
  @POST
  @Path("token")
  Token token(@HeaderParam("Authorization") String authorization, TokenRequest request);

  /** Stores a run ({@code authorization}: {@code Bearer <push token>}); the key may be null. */
  @POST
  @Path("metrics")
  StoredRun push(
      @HeaderParam("Authorization") String authorization,
      @HeaderParam("Idempotency-Key") String idempotencyKey,
      PushRequest request);

  /** One job's stored runs, newest first. */
  @GET
  @Path("metrics/repo/{organization}/{repository}/{workflow}/{job}")
  List<StoredRun> runs(
      @HeaderParam("Authorization") String authorization,
      @PathParam("organization") String organization,
      @PathParam("repository") String repository,
      @PathParam("workflow") String workflow,
      @PathParam("job") String job,
      @QueryParam("limit") Integer limit,
      @QueryParam("before") Long before);

  /** One stored run by id. */
  @GET
  @Path("metrics/{id}")
  StoredRun run(@HeaderParam("Authorization") String authorization, @PathParam("id") long id);
}
