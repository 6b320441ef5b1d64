using System.Text.Json;
using LipSyncGuard.Analysis;
using LipSyncGuard.Service.Problems;
using Microsoft.AspNetCore.Http.HttpResults;

namespace LipSyncGuard.Service.LipSync;

/// <summary><c>POST /api/lip-sync/report</c>: the case report (one self-contained HTML file) of a result this service
/// returned. The page posts back the JSON it received, so a report needs no second analysis and the service keeps no
/// results; the file's name, size and SHA-256 in it are the ones the analysis computed.</summary>
public static class ReportEndpoints
{
    /// <summary>Largest result accepted (a result carries thumbnails, mouth strips and lip curves: a 30 min video's is a
    /// few MB).</summary>
    public const long MaxResultBytes = 32L << 20;

    /// <summary>Maps the endpoint.</summary>
    public static IEndpointRouteBuilder MapReports(this IEndpointRouteBuilder routes)
    {
        routes.MapPost("/api/lip-sync/report", RenderAsync)
            .WithName("LipSyncReport")
            .WithTags(ApiTags.LipSync)
            .WithSummary("Render a case report")
            .WithDescription("Body: the JSON result of POST /api/lip-sync; optional query 'name': the file name to show (the upload's own). Returns a self-contained HTML file (no network requests, images inline) as a download.")
            .Accepts<AnalysisResult>("application/json")
            .Produces<string>(StatusCodes.Status200OK, "text/html")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .DisableAntiforgery();
        return routes;
    }

    private static async Task<Results<ContentHttpResult, ProblemHttpResult>> RenderAsync(
        HttpRequest request, HttpResponse response, LipSyncAnalyzer analyzer, string? name, CancellationToken cancellationToken)
    {
        if (request.ContentLength > MaxResultBytes)
            return Problem(StatusCodes.Status413PayloadTooLarge, "result_too_large", $"the result is larger than {MaxResultBytes >> 20} MB");
        AnalysisResult? result;
        try
        {
            result = await JsonSerializer.DeserializeAsync<AnalysisResult>(request.Body, AnalysisJson.Options, cancellationToken).ConfigureAwait(false);
        }
        catch (JsonException e)
        {
            return Problem(StatusCodes.Status400BadRequest, "bad_result", $"the body is not an analysis result: {e.Message}");
        }
        if (result?.Faces is null || result.Video is null || result.Model is null)
            return Problem(StatusCodes.Status400BadRequest, "bad_result", "the body is not an analysis result (faces, video and model are required)");
        if (!string.IsNullOrWhiteSpace(name) && result.File is { } file)
            result = result with { File = file with { Name = Path.GetFileName(name) } };
        var fileName = Path.GetFileNameWithoutExtension(result.File?.Name ?? "video");
        response.Headers.ContentDisposition = $"attachment; filename=\"{Sanitize(fileName)}.case.html\"";
        return TypedResults.Content(CaseReport.Render(result, analyzer.Card, DateTimeOffset.UtcNow), "text/html; charset=utf-8");
    }

    /// <summary>A header-safe file name: letters, digits, dot, dash and underscore.</summary>
    private static string Sanitize(string name) => new([.. name.Select(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_' ? c : '_')]);

    private static ProblemHttpResult Problem(int status, string code, string detail) => (ProblemHttpResult)MediaProblems.Problem(status, code, detail);
}
