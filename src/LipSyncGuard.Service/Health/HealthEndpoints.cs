using LipSyncGuard.Analysis;
using LipSyncGuard.Jobs;
using Microsoft.AspNetCore.Http.HttpResults;

namespace LipSyncGuard.Service.Health;

/// <summary><c>GET /health/live</c> and <c>GET /health/ready</c> (models loaded, job database and queue reachable).</summary>
public static class HealthEndpoints
{
    /// <summary>Maps the endpoints.</summary>
    public static IEndpointRouteBuilder MapHealth(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/health").WithTags("health");
        group.MapGet("/live", () => TypedResults.Ok(new HealthStatus("live")));
        group.MapGet("/ready", async Task<Results<Ok<HealthStatus>, ProblemHttpResult>> (LipSyncAnalyzer analyzer, JobBackend jobs, CancellationToken cancellationToken) =>
            !analyzer.IsReady ? NotReady("models are not loaded")
            : await jobs.CheckAsync(cancellationToken).ConfigureAwait(false) is { } down ? NotReady(down)
            : TypedResults.Ok(new HealthStatus("ready")));
        return routes;
    }

    private static ProblemHttpResult NotReady(string detail) => TypedResults.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "not ready", detail: detail);
}

/// <summary>A health answer.</summary>
/// <param name="Status">live or ready.</param>
public sealed record HealthStatus(string Status);
