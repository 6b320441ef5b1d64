using LipSyncGuard.Analysis;
using LipSyncGuard.Media;
using LipSyncGuard.Service.Problems;
using LipSyncGuard.Service.Uploads;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace LipSyncGuard.Service.LipSync;

/// <summary><c>POST /api/v1/lip-sync</c> (alias <c>/api/lip-sync</c>): upload a video (multipart field <c>video_file</c>),
/// get the verdict.</summary>
public static class LipSyncEndpoints
{
    /// <summary>The canonical path.</summary>
    public const string Path = "/api/v1/lip-sync";

    /// <summary>The seed's path, kept as an alias (not in the OpenAPI document, so clients generate one method).</summary>
    public const string AliasPath = "/api/lip-sync";

    /// <summary>Maps the endpoint.</summary>
    public static IEndpointRouteBuilder MapLipSync(this IEndpointRouteBuilder routes)
    {
        routes.MapPost(Path, AnalyzeAsync)
            .WithName("AnalyzeLipSync")
            .WithTags(ApiTags.LipSync)
            .WithSummary("Analyse an uploaded video")
            .WithDescription("multipart/form-data with the file in 'video_file'; optional fields 'select_strategy', 'max_faces', 'all_faces', 'operating_point'. "
                + "The analysis starts once the upload has fully arrived; when every analysis slot and the queue are taken the answer is 429 'busy' with Retry-After.")
            .AddOpenApiOperationTransformer(UploadForm.Describe)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status408RequestTimeout)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .ProducesProblem(StatusCodes.Status429TooManyRequests)
            .DisableAntiforgery();
        routes.MapPost(AliasPath, AnalyzeAsync).ExcludeFromDescription().DisableAntiforgery();
        return routes;
    }

    private static async Task<Results<Ok<AnalysisResult>, ProblemHttpResult>> AnalyzeAsync(
        HttpContext context, LipSyncAnalyzer analyzer, UploadStore store, AnalysisSlots slots, IOptions<ServiceOptions> options, CancellationToken cancellationToken)
    {
        var limits = options.Value;
        await using var upload = store.Create();
        var (form, problem) = await UploadForm.ReadOrProblemAsync(context.Request, upload, limits, cancellationToken).ConfigureAwait(false);
        if (problem is not null) return problem;

        // Only now, with every byte on disk, does the request compete for a slot.
        using var slot = await slots.AcquireAsync(cancellationToken).ConfigureAwait(false);
        if (!slot.IsAcquired)
        {
            context.Response.Headers.RetryAfter = limits.RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            return Problem(StatusCodes.Status429TooManyRequests, "busy", $"all {limits.MaxConcurrentAnalyses} analysis slots and the queue are full; retry in {limits.RetryAfterSeconds} s");
        }
        try
        {
            var mediaLimits = MediaLimits.Default with { MaxDuration = TimeSpan.FromSeconds(limits.MaxDurationSeconds) };
            return TypedResults.Ok(await analyzer.AnalyzeAsync(upload.Path, form!.Options, mediaLimits, cancellationToken: cancellationToken).ConfigureAwait(false));
        }
        catch (UnknownOperatingPointException e)
        {
            // A name the form accepts that this engine's cue card lacks (a card fitted with other points).
            return Problem(StatusCodes.Status400BadRequest, UnknownOperatingPointException.Code, e.Message);
        }
        catch (MediaException e)
        {
            // The message names our temp file; the client knows its upload by no such name.
            var detail = e.Message.Replace(upload.Path, "the uploaded file", StringComparison.Ordinal)
                .Replace($"'{System.IO.Path.GetFileName(upload.Path)}'", "the uploaded file", StringComparison.Ordinal);
            return Problem(MediaProblems.StatusFor(e.Code), e.CodeName, detail);
        }
    }

    private static ProblemHttpResult Problem(int status, string code, string detail) => (ProblemHttpResult)MediaProblems.Problem(status, code, detail);
}
