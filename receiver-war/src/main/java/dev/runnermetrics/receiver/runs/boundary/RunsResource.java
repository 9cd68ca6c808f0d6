package dev.runnermetrics.receiver.runs.boundary;

import dev.runnermetrics.common.scope.Scope;
import dev.runnermetrics.common.scope.ScopeHeaders;
import dev.runnermetrics.receiver.auth.boundary.PushTokenRequired;
import dev.runnermetrics.receiver.auth.boundary.ReadTokenRequired;
import dev.runnermetrics.receiver.auth.control.BearerTokens;
import dev.runnermetrics.receiver.auth.control.Credentials;
import dev.runnermetrics.receiver.problems.entity.Problem;
import dev.runnermetrics.receiver.problems.entity.ProblemException;
import dev.runnermetrics.receiver.runs.control.Paging;
import dev.runnermetrics.receiver.runs.control.PayloadText;
import dev.runnermetrics.receiver.runs.control.RunStore;
import dev.runnermetrics.receiver.runs.entity.IncomingPush;
import dev.runnermetrics.receiver.runs.entity.Run;
import dev.runnermetrics.receiver.web.control.PublicLinks;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;

/**
 * Ingest of run summaries and queries of stored runs per job. Application-scoped (request data
 * comes in as parameters) so that no bean and proxy are built per request.
 */
@Path("metrics")
@ApplicationScoped
public class RunsResource {

  /** The request header that makes a retried push return the first stored run. */
  public static final String IDEMPOTENCY_KEY = "Idempotency-Key";

  @Inject RunStore store;

  @Inject Credentials credentials;

  @Inject PublicLinks links;

  @POST
  @PushTokenRequired
  @Consumes(MediaType.APPLICATION_JSON)
  @Produces(MediaType.APPLICATION_JSON)
  @Operation(
      summary = "Store a run summary",
      description =
          "Needs the push token of the body's own scope. The scope may also be sent in the"
              + " X-Runner-Metrics-Org, -Repo, -Workflow and -Job headers (URL-encoded UTF-8):"
              + " then the token is checked before the body is read, and the body's scope must"
              + " be the same. With Idempotency-Key, a retry returns the run stored first (200)"
              + " instead of storing it again.")
  @SecurityRequirement(name = "bearer")
  @APIResponse(responseCode = "201", description = "Stored; Location names the run")
  @APIResponse(responseCode = "200", description = "A retry of a stored push (same key)")
  @APIResponse(responseCode = "400", description = "Invalid JSON or fields; detail names them")
  @APIResponse(responseCode = "401", description = "No push token")
  @APIResponse(
      responseCode = "403",
      description = "A push token for another scope, or a body scope unlike the scope headers")
  @APIResponse(responseCode = "408", description = "The body did not arrive in time")
  @APIResponse(responseCode = "413", description = "Body over 1 MiB")
  @APIResponse(responseCode = "415", description = "Body not application/json")
  @APIResponse(responseCode = "503", description = "Too many bodies being read; Retry-After")
  public Response push(
      @Parameter(hidden = true) @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
      @HeaderParam(IDEMPOTENCY_KEY) String idempotencyKey,
      @Context UriInfo uriInfo,
      @Context HttpHeaders headers,
      IncomingPush push) {
    Scope scope = push.scope();
    Optional<Scope> named =
        ScopeHeaders.parse(
            name -> Optional.ofNullable(headers.getRequestHeader(name)).orElse(List.of()));
    if (named.isPresent() && !named.get().equals(scope)) {
      // The token was checked against the headers' scope before the body was read.
      throw new ProblemException(
          Problem.of(
              403,
              "the body's scope differs from the one in the "
                  + String.join(", ", ScopeHeaders.NAMES)
                  + " headers"));
    }
    credentials.authorizePush(BearerTokens.parse(authorization).orElse(""), scope);
    String key = checkedKey(idempotencyKey);
    RunStore.Stored stored = store.store(push, key);
    Run run = stored.run();
    // The base URI's path ends in "/" (…/api/v1/); its host is the client's Host header, unused.
    URI location = links.link(uriInfo.getBaseUri().getRawPath() + "metrics/" + run.getId());
    Response.ResponseBuilder response =
        stored.replayed()
            ? Response.ok().header("Idempotent-Replayed", "true")
            : Response.created(location);
    return response
        .location(location)
        .type(MediaType.APPLICATION_JSON)
        .entity(PayloadText.object(run.envelope(), run.getPayload()))
        .build();
  }

  @GET
  @Path("repo/{organization}/{repository}/{workflow}/{job}")
  @ReadTokenRequired
  @Produces(MediaType.APPLICATION_JSON)
  @Operation(
      summary = "Stored runs of one job, newest first",
      description =
          "The repository may be given bare (my-repo) or in full with an encoded slash"
              + " (my-org%2Fmy-repo). Page with before=<id of the last run seen>.")
  @SecurityRequirement(name = "bearer")
  @APIResponse(responseCode = "200", description = "A JSON array of stored runs")
  @APIResponse(responseCode = "400", description = "Invalid scope or paging parameter")
  @APIResponse(responseCode = "401", description = "No read token")
  public Response newest(
      @PathParam("organization") String organization,
      @PathParam("repository") String repository,
      @PathParam("workflow") String workflow,
      @PathParam("job") String job,
      @Parameter(description = "Runs per page, 1–1000 (default 100; larger values give 1000)")
          @QueryParam("limit")
          String limit,
      @Parameter(description = "Only runs with an id below this one") @QueryParam("before")
          String before,
      @Context UriInfo uriInfo) {
    Scope scope = Scope.of(organization, repository, workflow, job);
    Paging paging = Paging.of(limit, before);
    List<Run> runs = store.newest(scope, paging.before(), paging.limit());
    String body =
        PayloadText.array(
            runs.stream().map(Run::envelope).toList(), runs.stream().map(Run::getPayload).toList());
    Response.ResponseBuilder response = Response.ok(body, MediaType.APPLICATION_JSON_TYPE);
    if (runs.size() == paging.limit()) {
      URI next =
          links.link(
              uriInfo
                  .getRequestUriBuilder()
                  .replaceQueryParam("before", runs.get(runs.size() - 1).getId())
                  .replaceQueryParam("limit", paging.limit())
                  .build());
      // The header as Link.toString writes it, without building a Link per answer.
      response.header("Link", "<" + next + ">; rel=\"next\"");
    }
    return response.build();
  }

  @GET
  @Path("{id: [0-9]{1,18}}")
  @ReadTokenRequired
  @Produces(MediaType.APPLICATION_JSON)
  @Operation(summary = "One stored run by id (the Location of a push)")
  @SecurityRequirement(name = "bearer")
  @APIResponse(responseCode = "200", description = "The stored run")
  @APIResponse(responseCode = "404", description = "No run with this id")
  public Response one(@PathParam("id") long id) {
    return store
        .find(id)
        .map(run -> Response.ok(PayloadText.object(run.envelope(), run.getPayload())).build())
        .orElseThrow(() -> new ProblemException(Problem.of(404, "no run with id " + id)));
  }

  private static String checkedKey(String key) {
    if (key == null) {
      return null;
    }
    if (!Scope.problem(key).isEmpty()) {
      throw new ProblemException(
          Problem.badField(
              IDEMPOTENCY_KEY,
              IDEMPOTENCY_KEY + " must be 1 to 255 characters without control characters"));
    }
    return key;
  }
}
