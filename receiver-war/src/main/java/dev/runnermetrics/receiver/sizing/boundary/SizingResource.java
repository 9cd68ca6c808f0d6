package dev.runnermetrics.receiver.sizing.boundary;

import dev.runnermetrics.common.scope.InvalidScopeException;
import dev.runnermetrics.common.scope.Scope;
import dev.runnermetrics.receiver.auth.boundary.ReadTokenRequired;
import dev.runnermetrics.receiver.problems.entity.Problem;
import dev.runnermetrics.receiver.problems.entity.ProblemException;
import dev.runnermetrics.receiver.sizing.control.CgroupLimitsValue;
import dev.runnermetrics.receiver.sizing.control.JobHistory;
import dev.runnermetrics.receiver.sizing.control.OrganisationQuery;
import dev.runnermetrics.receiver.sizing.control.OrganisationView;
import dev.runnermetrics.receiver.sizing.control.ParameterCheck;
import dev.runnermetrics.receiver.sizing.control.ResourcesYaml;
import dev.runnermetrics.receiver.sizing.control.SizingAdvisor;
import dev.runnermetrics.receiver.sizing.control.SizingParameters;
import dev.runnermetrics.receiver.sizing.control.UsageTrends;
import dev.runnermetrics.receiver.sizing.entity.ContainerRun;
import dev.runnermetrics.receiver.sizing.entity.JobSummary;
import dev.runnermetrics.receiver.sizing.entity.SizingAdvice;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.validation.Validator;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;

/**
 * Sizing advice per job, the organisation at a glance and per-run usage trends, all behind the read
 * token. Thin: the method lives in {@code sizing/control}.
 */
@Path("sizing/repo")
@ApplicationScoped
public class SizingResource {

  /** The media type of the Kubernetes resources block. */
  public static final String YAML = "application/yaml";

  static final MediaType YAML_TYPE = new MediaType("application", "yaml");

  /** How many runs the usage trend covers unless asked. */
  static final int DEFAULT_TREND_RUNS = 100;

  @Inject JobHistory history;

  @Inject OrganisationView organisations;

  @Inject Validator validator;

  @GET
  @Path("{organization}/{repository}/{workflow}/{job}")
  @ReadTokenRequired
  @Produces({MediaType.APPLICATION_JSON, YAML})
  @Operation(
      summary = "Sizing advice for one job, per container",
      description =
          "From the job's newest runs (runs, default 10). JSON; ?format=yaml or Accept:"
              + " application/yaml gives a Kubernetes resources block per container;"
              + " ?format=cgroup-limits gives a CGROUP_LIMITS value for the collector.")
  @SecurityRequirement(name = "bearer")
  @APIResponse(responseCode = "200", description = "The advice")
  @APIResponse(responseCode = "400", description = "Invalid scope or parameter; field names it")
  @APIResponse(responseCode = "401", description = "No read token")
  @APIResponse(responseCode = "404", description = "No run stored for this job")
  public Response advice(
      @PathParam("organization") String organization,
      @PathParam("repository") String repository,
      @PathParam("workflow") String workflow,
      @PathParam("job") String job,
      @QueryParam("runs") String runs,
      @QueryParam("cpu_percentile") String cpuPercentile,
      @QueryParam("headroom") String headroom,
      @QueryParam("cpu_ceiling") String cpuCeiling,
      @QueryParam("memory_ceiling") String memoryCeiling,
      @QueryParam("format") String format,
      @Context HttpHeaders headers) {
    Scope scope = Scope.of(organization, repository, workflow, job);
    SizingParameters parameters =
        ParameterCheck.valid(
            SizingParameters.fromQuery(runs, cpuPercentile, headroom, cpuCeiling, memoryCeiling),
            validator);
    Format output = Format.of(format, headers.getAcceptableMediaTypes());
    List<ContainerRun> rows = history.recent(scope, parameters.runs());
    if (rows.isEmpty()) {
      throw noRuns();
    }
    SizingAdvice advice = SizingAdvisor.advise(rows, parameters);
    return switch (output) {
      case JSON -> Response.ok(advice, MediaType.APPLICATION_JSON_TYPE).build();
      case YAML -> Response.ok(ResourcesYaml.render(advice), YAML_TYPE).build();
      case CGROUP_LIMITS ->
          Response.ok(CgroupLimitsValue.render(advice), MediaType.APPLICATION_JSON_TYPE).build();
    };
  }

  @GET
  @Path("{organization}/{repository}/{workflow}/{job}/usage")
  @ReadTokenRequired
  @Produces(MediaType.APPLICATION_JSON)
  @Operation(
      summary = "One container's usage per run, oldest first, as chart columns",
      description = "Over the job's newest runs (runs, default 100, at most 1000).")
  @SecurityRequirement(name = "bearer")
  @APIResponse(responseCode = "200", description = "The columns")
  @APIResponse(responseCode = "400", description = "Invalid scope or parameter; field names it")
  @APIResponse(responseCode = "401", description = "No read token")
  @APIResponse(responseCode = "404", description = "No run of this job, or none with the container")
  public Response usage(
      @PathParam("organization") String organization,
      @PathParam("repository") String repository,
      @PathParam("workflow") String workflow,
      @PathParam("job") String job,
      @QueryParam("container") String container,
      @QueryParam("runs") String runs) {
    Scope scope = Scope.of(organization, repository, workflow, job);
    if (container == null || !Scope.problem(container).isEmpty()) {
      throw new ProblemException(
          Problem.badField(
              "container", "container is required: 1 to 255 characters, no control characters"));
    }
    int window = ParameterCheck.runs(runs, DEFAULT_TREND_RUNS, validator);
    List<ContainerRun> rows = history.recent(scope, window);
    if (rows.isEmpty()) {
      throw noRuns();
    }
    if (rows.stream().noneMatch(r -> r.container().equals(container))) {
      throw new ProblemException(
          Problem.of(404, "no container of that name in the last " + window + " runs of this job"));
    }
    return Response.ok(UsageTrends.of(rows, container), MediaType.APPLICATION_JSON_TYPE).build();
  }

  @GET
  @Path("{organization}")
  @ReadTokenRequired
  @Produces(MediaType.APPLICATION_JSON)
  @Operation(
      summary = "Every job of an organisation with its runs, waste, OOM kills and throttling",
      description =
          "A JSON array, most CPU waste first (sort=cpu_waste|memory_waste|oom_kills|runs|"
              + "last_run|name); limit 1–500 (default 100), offset; Link rel=next for the next page.")
  @SecurityRequirement(name = "bearer")
  @APIResponse(responseCode = "200", description = "A JSON array of jobs (empty: no runs)")
  @APIResponse(responseCode = "400", description = "Invalid organisation or parameter")
  @APIResponse(responseCode = "401", description = "No read token")
  public Response organisation(
      @PathParam("organization") String organization,
      @QueryParam("sort") String sort,
      @QueryParam("limit") String limit,
      @QueryParam("offset") String offset,
      @Context UriInfo uriInfo) {
    String problem = Scope.problem(organization);
    if (!problem.isEmpty()) {
      throw new InvalidScopeException("organization", problem);
    }
    OrganisationQuery query = OrganisationQuery.fromQuery(sort, limit, offset);
    List<JobSummary> jobs = organisations.jobs(organization, query);
    Response.ResponseBuilder response = Response.ok(jobs, MediaType.APPLICATION_JSON_TYPE);
    if (jobs.size() == query.limit()) {
      OrganisationQuery next = query.next();
      String link =
          uriInfo
              .getRequestUriBuilder()
              .replaceQueryParam("sort", next.sort().label())
              .replaceQueryParam("limit", next.limit())
              .replaceQueryParam("offset", next.offset())
              .build()
              .toString();
      response.header("Link", "<" + link + ">; rel=\"next\"");
    }
    return response.build();
  }

  private static ProblemException noRuns() {
    return new ProblemException(Problem.of(404, "no run stored for this job"));
  }
}
