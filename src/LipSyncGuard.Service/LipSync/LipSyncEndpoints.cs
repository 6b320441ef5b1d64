using LipSyncGuard.Analysis;
using LipSyncGuard.Media;
using LipSyncGuard.Service.Problems;
using LipSyncGuard.Service.Uploads;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace LipSyncGuard.Service.LipSync;

/// <summary><c>POST /api/lip-sync</c>: upload a video (multipart field <c>video_file</c>), get the verdict.</summary>
public static class LipSyncEndpoints
{
    /// <summary>The rate-limiter policy that bounds concurrent analyses.</summary>
    public const string ConcurrencyPolicy = "analysis";

    /// <summary>Maps the endpoint.</summary>
    public static IEndpointRouteBuilder MapLipSync(this IEndpointRouteBuilder routes)
    {
        routes.MapPost("/api/lip-sync", AnalyzeAsync)
            .WithName("AnalyzeLipSync")
            .WithSummary("Analyse an uploaded video")
            .WithDescription("multipart/form-data with the file in 'video_file'; optional fields 'select_strategy' (longest|largest|first|all), 'max_faces', 'all_faces'.")
            .Accepts<IFormFile>("multipart/form-data")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .ProducesProblem(StatusCodes.Status429TooManyRequests)
            .DisableAntiforgery()
            .RequireRateLimiting(ConcurrencyPolicy);
        return routes;
    }

    private static async Task<Results<Ok<AnalysisResult>, ProblemHttpResult>> AnalyzeAsync(
        HttpRequest request, LipSyncAnalyzer analyzer, UploadStore store, IOptions<ServiceOptions> options, CancellationToken cancellationToken)
    {
        var limits = options.Value;
        await using var upload = store.Create();
        var (form, problem) = await UploadForm.ReadOrProblemAsync(request, upload, limits.MaxUploadBytes, cancellationToken).ConfigureAwait(false);
        if (problem is not null) return problem;

        try
        {
            var mediaLimits = MediaLimits.Default with { MaxDuration = TimeSpan.FromSeconds(limits.MaxDurationSeconds) };
            var result = await analyzer.AnalyzeAsync(upload.Path, form!.Options, mediaLimits, cancellationToken: cancellationToken).ConfigureAwait(false);
            return TypedResults.Ok(result);
        }
        catch (MediaException e)
        {
            // The message names our temp file; the client knows its upload by no such name.
            var detail = e.Message.Replace($"'{Path.GetFileName(upload.Path)}'", "the uploaded file", StringComparison.Ordinal);
            return Problem(MediaProblems.StatusFor(e.Code), e.CodeName, detail);
        }
    }

    private static ProblemHttpResult Problem(int status, string code, string detail) => (ProblemHttpResult)MediaProblems.Problem(status, code, detail);
}
