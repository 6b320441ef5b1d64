using LipSyncGuard.Analysis;

namespace LipSyncGuard.Service.ModelInfo;

/// <summary><c>GET /api/model</c>: the loaded model's card.</summary>
public static class ModelEndpoints
{
    /// <summary>Maps the endpoint.</summary>
    public static IEndpointRouteBuilder MapModelInfo(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/api/model", (LipSyncAnalyzer analyzer) => TypedResults.Ok(analyzer.Card))
            .WithName("GetModelCard")
            .WithSummary("The card of the model in use");
        return routes;
    }
}
