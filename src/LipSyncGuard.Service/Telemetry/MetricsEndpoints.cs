using LipSyncGuard.Jobs;
using OpenTelemetry.Metrics;

namespace LipSyncGuard.Service.Telemetry;

/// <summary><c>GET /metrics</c>: the <see cref="JobMetrics.MeterName"/> meter (queue depth, running jobs, job
/// durations and outcomes) in the Prometheus text format, through OpenTelemetry's Prometheus exporter. Open like
/// health (a scraper sends no API key) and left out of the OpenAPI document, which describes the API only.</summary>
public static class MetricsEndpoints
{
    /// <summary>The scrape path.</summary>
    public const string Path = "/metrics";

    /// <summary>Collects the jobs meter for the exporter.</summary>
    public static IServiceCollection AddMetricsExport(this IServiceCollection services)
    {
        services.AddOpenTelemetry().WithMetrics(metrics => metrics.AddMeter(JobMetrics.MeterName).AddPrometheusExporter());
        return services;
    }

    /// <summary>Maps the scrape endpoint.</summary>
    public static IEndpointRouteBuilder MapMetrics(this IEndpointRouteBuilder routes)
    {
        routes.MapPrometheusScrapingEndpoint(Path);
        return routes;
    }
}
