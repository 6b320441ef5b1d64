using System.Globalization;
using LipSyncGuard.Analysis;
using LipSyncGuard.Faces;
using LipSyncGuard.Service.Problems;
using LipSyncGuard.Service.Uploads;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;

namespace LipSyncGuard.Service.LipSync;

/// <summary>Reads the multipart request section by section: the file streams straight to disk (never buffered whole in
/// memory), the small option fields are parsed and validated.</summary>
internal sealed record UploadForm(AnalysisOptions Options)
{
    /// <summary>The optional <c>callback_url</c> field (used by the jobs API).</summary>
    public string? CallbackUrl { get; init; }

    /// <summary>The client's file name, without any folder (shown back by the jobs API; never a path here).</summary>
    public string? FileName { get; init; }

    private const int MaxFieldBytes = 256;

    public static async Task<UploadForm> ReadAsync(HttpRequest request, Upload upload, long maxBytes, CancellationToken cancellationToken)
    {
        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var contentType) || !contentType.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase))
            throw new BadUploadException("send multipart/form-data with the video in the field 'video_file'");
        var boundary = HeaderUtilities.RemoveQuotes(contentType.Boundary).Value;
        if (string.IsNullOrEmpty(boundary)) throw new BadUploadException("the multipart boundary is missing");

        var reader = new MultipartReader(boundary, request.Body) { HeadersLengthLimit = 16 * 1024 };
        var options = AnalysisOptions.Default;
        var sawFile = false;
        var allFaces = false;
        string? callbackUrl = null;
        string? fileName = null;
        MultipartSection? section;
        while ((section = await reader.ReadNextSectionAsync(cancellationToken).ConfigureAwait(false)) is not null)
        {
            if (!ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition)) continue;
            var name = HeaderUtilities.RemoveQuotes(disposition.Name).Value;
            if (disposition.IsFileDisposition())
            {
                if (name != "video_file") continue;
                if (sawFile) throw new BadUploadException("send one file in 'video_file'");
                await upload.WriteAsync(section.Body, maxBytes, cancellationToken).ConfigureAwait(false);
                sawFile = true;
                fileName = Path.GetFileName(HeaderUtilities.RemoveQuotes(disposition.FileName).Value?.Replace('\\', '/'));
                continue;
            }
            var value = await ReadFieldAsync(section, cancellationToken).ConfigureAwait(false);
            switch (name)
            {
                case "select_strategy":
                    options = options with { Selection = ParseSelection(value) };
                    break;
                case "max_faces":
                    if (!int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var max) || max is < 1 or > 50)
                        throw new BadUploadException($"max_faces must be a whole number from 1 to 50, got '{value}'");
                    options = options with { MaxFaces = max };
                    break;
                case "callback_url":
                    callbackUrl = value.Trim();
                    break;
                case "all_faces":
                    allFaces = value.Trim().ToUpperInvariant() is "TRUE" or "1" or "YES" or "ON";
                    break;
            }
        }
        if (!sawFile) throw new BadUploadException("no file in the field 'video_file'");
        if (upload.Length == 0) throw new BadUploadException("the uploaded file is empty (0 bytes)");
        return new UploadForm(allFaces ? options with { Selection = TrackSelection.All } : options) { CallbackUrl = callbackUrl, FileName = fileName };
    }

    /// <summary>Reads the form like <see cref="ReadAsync"/>, answering a bad or oversized upload with the ProblemDetails
    /// both upload endpoints share (400 bad_upload, 413 upload_too_large).</summary>
    public static async Task<(UploadForm? Form, ProblemHttpResult? Problem)> ReadOrProblemAsync(HttpRequest request, Upload upload, long maxBytes, CancellationToken cancellationToken)
    {
        try
        {
            return (await ReadAsync(request, upload, maxBytes, cancellationToken).ConfigureAwait(false), null);
        }
        catch (UploadTooLargeException e)
        {
            return (null, Problem(StatusCodes.Status413PayloadTooLarge, "upload_too_large", e.Message));
        }
        catch (BadUploadException e)
        {
            return (null, Problem(StatusCodes.Status400BadRequest, "bad_upload", e.Message));
        }
        catch (BadHttpRequestException e)
        {
            return (null, e.StatusCode == StatusCodes.Status413PayloadTooLarge
                ? Problem(StatusCodes.Status413PayloadTooLarge, "upload_too_large", $"the upload is larger than the {maxBytes / (1024 * 1024)} MB limit")
                : Problem(StatusCodes.Status400BadRequest, "bad_upload", e.Message));
        }
    }

    private static ProblemHttpResult Problem(int status, string code, string detail) => (ProblemHttpResult)MediaProblems.Problem(status, code, detail);

    internal static TrackSelection ParseSelection(string value) => value.Trim().ToUpperInvariant() switch
    {
        "LONGEST" => TrackSelection.Longest,
        "LARGEST" => TrackSelection.Largest,
        "FIRST" => TrackSelection.First,
        "ALL" => TrackSelection.All,
        _ => throw new BadUploadException($"select_strategy must be longest, largest, first or all, got '{value}'"),
    };

    private static async Task<string> ReadFieldAsync(MultipartSection section, CancellationToken cancellationToken)
    {
        var buffer = new byte[MaxFieldBytes + 1];
        var read = await section.Body.ReadAtLeastAsync(buffer, buffer.Length, throwOnEndOfStream: false, cancellationToken).ConfigureAwait(false);
        if (read > MaxFieldBytes) throw new BadUploadException("a form field is too long");
        return System.Text.Encoding.UTF8.GetString(buffer, 0, read);
    }
}
