using LipSyncGuard.Analysis;
using LipSyncGuard.Jobs;
using LipSyncGuard.Service.LipSync;
using LipSyncGuard.Service.Problems;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace LipSyncGuard.Service.Health;

/// <summary><c>GET /health/live</c> and <c>GET /health/ready</c> (models loaded, job database and queue reachable).</summary>
public static class HealthEndpoints
{
    /// <summary>Maps the endpoints.</summary>
    public static IEndpointRouteBuilder MapHealth(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/health").WithTags(ApiTags.Health);
        group.MapGet("/live", () => TypedResults.Ok(new HealthStatus("live")))
            .WithName("GetLiveness")
            .WithSummary("The process answers");
        group.MapGet("/ready", Ready)
            .WithName("GetReadiness")
            .WithSummary("Models loaded, the jobs store and queue reachable, and an analysis slot or queue place free")
            .WithDescription("503 'not_ready' while models load, 503 'jobs_unavailable' while the jobs database or broker cannot be reached, "
                + "503 'busy' while every analysis slot and the queue are taken (a balancer should send work elsewhere).")
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        return routes;
    }

    private static async Task<Results<Ok<HealthStatus>, ProblemHttpResult>> Ready(
        HttpContext context, LipSyncAnalyzer analyzer, AnalysisSlots slots, JobBackend jobs, IOptions<ServiceOptions> options, CancellationToken cancellationToken)
    {
        if (!analyzer.IsReady) return (ProblemHttpResult)MediaProblems.Problem(StatusCodes.Status503ServiceUnavailable, "not_ready", "models are not loaded");
        if (await jobs.CheckAsync(cancellationToken).ConfigureAwait(false) is { } down)
            return (ProblemHttpResult)MediaProblems.Problem(StatusCodes.Status503ServiceUnavailable, "jobs_unavailable", down);
        if (!slots.IsFull) return TypedResults.Ok(new HealthStatus("ready"));
        context.Response.Headers.RetryAfter = options.Value.RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return (ProblemHttpResult)MediaProblems.Problem(StatusCodes.Status503ServiceUnavailable, "busy", "every analysis slot and the queue are taken");
    }
}

/// <summary>A health answer.</summary>
/// <param name="Status">live or ready.</param>
public sealed record HealthStatus(string Status);
