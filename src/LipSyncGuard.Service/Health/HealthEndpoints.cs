using LipSyncGuard.Analysis;
using Microsoft.AspNetCore.Http.HttpResults;

namespace LipSyncGuard.Service.Health;

/// <summary><c>GET /health/live</c> and <c>GET /health/ready</c>.</summary>
public static class HealthEndpoints
{
    /// <summary>Maps the endpoints.</summary>
    public static IEndpointRouteBuilder MapHealth(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/health").WithTags("health");
        group.MapGet("/live", () => TypedResults.Ok(new HealthStatus("live")));
        group.MapGet("/ready", Results<Ok<HealthStatus>, ProblemHttpResult> (LipSyncAnalyzer analyzer) =>
            analyzer.IsReady
                ? TypedResults.Ok(new HealthStatus("ready"))
                : TypedResults.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "not ready", detail: "models are not loaded"));
        return routes;
    }
}

/// <summary>A health answer.</summary>
/// <param name="Status">live or ready.</param>
public sealed record HealthStatus(string Status);
