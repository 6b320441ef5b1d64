using System.Text.Json;
using System.Text.Json.Nodes;
using LipSyncGuard.Analysis;
using LipSyncGuard.Service.Problems;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;

namespace LipSyncGuard.Service.ModelInfo;

/// <summary><c>GET /api/v1/model</c> (alias <c>/api/model</c>): the loaded model's card.</summary>
public static class ModelEndpoints
{
    /// <summary>The canonical path.</summary>
    public const string Path = "/api/v1/model";

    /// <summary>Maps the endpoint.</summary>
    public static IEndpointRouteBuilder MapModelInfo(this IEndpointRouteBuilder routes)
    {
        routes.MapGet(Path, GetCard)
            .WithName("GetModelCard")
            .WithTags(ApiTags.Model)
            .WithSummary("The card of the model in use")
            .Produces<ModelCard>();
        routes.MapGet("/api/model", GetCard).ExcludeFromDescription();
        return routes;
    }

    // The card records where it was trained (data folders, weights) as the training machine saw them; a client gets the
    // names, not this server's file system.
    private static JsonHttpResult<JsonNode> GetCard(LipSyncAnalyzer analyzer, IOptions<JsonOptions> json) =>
        TypedResults.Json(ServerPaths.Scrub(JsonSerializer.SerializeToNode(analyzer.Card, json.Value.SerializerOptions))!, json.Value.SerializerOptions);
}
