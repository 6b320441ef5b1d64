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
            .WithDescription("multipart/form-data with the file in 'video_file'; optional fields 'select_strategy', 'max_faces', 'all_faces'. "
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
        UploadForm form;
        using (var arrival = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
        {
            arrival.CancelAfter(TimeSpan.FromSeconds(limits.UploadTimeoutSeconds));
            try
            {
                form = await UploadForm.ReadAsync(context.Request, upload, limits.MaxUploadBytes, arrival.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                return Problem(StatusCodes.Status408RequestTimeout, "upload_timeout", $"the upload did not arrive within {limits.UploadTimeoutSeconds} s");
            }
            catch (UploadTooLargeException e)
            {
                return Problem(StatusCodes.Status413PayloadTooLarge, "upload_too_large", e.Message);
            }
            catch (NotMultipartException e)
            {
                return Problem(StatusCodes.Status415UnsupportedMediaType, "not_multipart", e.Message);
            }
            catch (BadUploadException e)
            {
                return Problem(StatusCodes.Status400BadRequest, "bad_upload", e.Message);
            }
            catch (BadHttpRequestException e)
            {
                return e.StatusCode switch
                {
                    StatusCodes.Status413PayloadTooLarge => Problem(StatusCodes.Status413PayloadTooLarge, "upload_too_large", $"the upload is larger than the {limits.MaxUploadBytes / (1024 * 1024)} MB limit"),
                    // Kestrel's minimum data rate: the client may be gone, but if it still listens it learns why.
                    StatusCodes.Status408RequestTimeout => Problem(StatusCodes.Status408RequestTimeout, "upload_too_slow", $"the upload arrived slower than {limits.MinUploadBytesPerSecond / 1024:0.#} KB/s"),
                    _ => Problem(StatusCodes.Status400BadRequest, "bad_upload", e.Message),
                };
            }
        }

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
            var result = await analyzer.AnalyzeAsync(upload.Path, form.Options, mediaLimits, cancellationToken: cancellationToken).ConfigureAwait(false);
            // The calibrated threshold is a fitted float (0.35000000000000003); clients compare at the precision of the probabilities.
            return TypedResults.Ok(result with { Threshold = Math.Round(result.Threshold, 4) });
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
