package dev.runnermetrics.receiver.export.boundary;

import dev.runnermetrics.receiver.auth.boundary.ReadTokenRequired;
import dev.runnermetrics.receiver.export.control.ExpositionWriter;
import dev.runnermetrics.receiver.export.control.UsageExport;
import dev.runnermetrics.receiver.export.control.UsageExposition;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;

/** Each job's latest usage and advice per container, for a Prometheus that scrapes it. */
@Path("export/prometheus")
@RequestScoped
public class PrometheusExportResource {

  @Inject UsageExport export;

  /** The Prometheus text exposition (format 0.0.4) of every job. */
  @GET
  @ReadTokenRequired
  public Response prometheus() {
    return Response.ok(UsageExposition.render(export.collect()))
        .type(ExpositionWriter.MEDIA_TYPE)
        .build();
  }
}
