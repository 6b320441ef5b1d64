using System.Globalization;
using LipSyncGuard.Analysis;
using LipSyncGuard.Faces;
using System.Text.Json.Nodes;
using LipSyncGuard.Service.Problems;
using LipSyncGuard.Service.Uploads;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.OpenApi;
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

    private const string FileField = "video_file";

    private const string OperatingPointField = "operating_point";

    private static readonly string[] Strategies = ["longest", "largest", "first", "all"];

    /// <summary>Describes the form in the OpenAPI document: the handler reads the body itself (to stream the file), so the
    /// framework cannot infer it.</summary>
    public static Task Describe(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        DescribeForm(operation, withCallback: false);
        return Task.CompletedTask;
    }

    /// <summary>Describes the jobs API's form: <see cref="Describe"/>'s fields and <c>callback_url</c>.</summary>
    public static Task DescribeJob(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        DescribeForm(operation, withCallback: true);
        return Task.CompletedTask;
    }

    private static void DescribeForm(OpenApiOperation operation, bool withCallback)
    {
        // The options are nullable as well as optional: "not sent" is their default, and generators (NSwag) otherwise
        // refuse a null argument for them.
        var form = new OpenApiSchema
        {
            Type = JsonSchemaType.Object,
            Required = new HashSet<string> { FileField },
            Properties = new Dictionary<string, IOpenApiSchema>
            {
                [FileField] = new OpenApiSchema { Type = JsonSchemaType.String, Format = "binary", Description = "The video (any container ffmpeg reads: mp4, mov, mkv, webm, avi…)." },
                ["select_strategy"] = new OpenApiSchema
                {
                    Type = JsonSchemaType.String | JsonSchemaType.Null,
                    Enum = [.. Strategies.Select(s => (JsonNode)JsonValue.Create(s))],
                    Default = JsonValue.Create("longest"),
                    Description = "Which faces decide the verdict.",
                },
                ["max_faces"] = new OpenApiSchema { Type = JsonSchemaType.Integer | JsonSchemaType.Null, Format = "int32", Minimum = "1", Maximum = "50", Description = "Most faces tracked per frame." },
                ["all_faces"] = new OpenApiSchema { Type = JsonSchemaType.Boolean | JsonSchemaType.Null, Description = "true: judge every face (same as select_strategy=all)." },
                [OperatingPointField] = new OpenApiSchema
                {
                    Type = JsonSchemaType.String | JsonSchemaType.Null,
                    Enum = [.. AnalysisOptions.OperatingPoints.Select(p => (JsonNode)JsonValue.Create(p))],
                    Description = "The cue verdict's thresholds for this request: strict (about 2 % of real videos from unseen sources called manipulated), "
                        + "balanced (5 %) or sensitive (10 %, catches more); absent: the server's (LIPSYNC_OPERATING_POINT, default balanced). "
                        + "The result's threshold, thresholds and operating_point say which applied. A trained detector or the sync-only mode has "
                        + "one threshold: it keeps it and warns operating_point_ignored.",
                },
            },
        };
        if (withCallback)
        {
            form.Properties["callback_url"] = new OpenApiSchema
            {
                Type = JsonSchemaType.String | JsonSchemaType.Null,
                Format = "uri",
                Description = "Receives the finished job as JSON (a host in LipSync:Jobs:CallbackHosts).",
            };
        }
        operation.RequestBody = new OpenApiRequestBody
        {
            Required = true,
            Content = new Dictionary<string, OpenApiMediaType> { ["multipart/form-data"] = new() { Schema = form } },
        };
    }

    public static async Task<UploadForm> ReadAsync(HttpRequest request, Upload upload, long maxBytes, CancellationToken cancellationToken)
    {
        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var contentType) || !contentType.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase))
            throw new NotMultipartException($"the body is {(string.IsNullOrEmpty(request.ContentType) ? "untyped" : $"'{contentType?.MediaType.Value ?? request.ContentType}'")}; send multipart/form-data with the video in the field '{FileField}'");
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
            // The file field is the file whatever its disposition says (clients send an empty or no file name).
            if (name == FileField)
            {
                if (sawFile) throw new BadUploadException($"send one file in '{FileField}'");
                await upload.WriteAsync(section.Body, maxBytes, cancellationToken).ConfigureAwait(false);
                sawFile = true;
                fileName = Path.GetFileName(HeaderUtilities.RemoveQuotes(disposition.FileName).Value?.Replace('\\', '/'));
                continue;
            }
            if (disposition.IsFileDisposition()) continue;
            var value = await ReadFieldAsync(name ?? "", section, cancellationToken).ConfigureAwait(false);
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
                case OperatingPointField:
                    options = options with { OperatingPoint = ParseOperatingPoint(value) };
                    break;
                case "callback_url":
                    callbackUrl = value.Trim();
                    break;
                case "all_faces":
                    allFaces = value.Trim().ToUpperInvariant() is "TRUE" or "1" or "YES" or "ON";
                    break;
            }
        }
        if (!sawFile) throw new BadUploadException($"no file in the field '{FileField}'");
        if (upload.Length == 0) throw new BadUploadException("the uploaded file is empty (0 bytes)");
        return new UploadForm(allFaces ? options with { Selection = TrackSelection.All } : options) { CallbackUrl = callbackUrl, FileName = fileName };
    }

    /// <summary>Reads the form like <see cref="ReadAsync"/> within <see cref="ServiceOptions.UploadTimeoutSeconds"/>,
    /// answering a bad, slow or oversized upload with the ProblemDetails both upload endpoints share.</summary>
    public static async Task<(UploadForm? Form, ProblemHttpResult? Problem)> ReadOrProblemAsync(HttpRequest request, Upload upload, ServiceOptions limits, CancellationToken cancellationToken)
    {
        using var arrival = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        arrival.CancelAfter(TimeSpan.FromSeconds(limits.UploadTimeoutSeconds));
        try
        {
            return (await ReadAsync(request, upload, limits.MaxUploadBytes, arrival.Token).ConfigureAwait(false), null);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return (null, Problem(StatusCodes.Status408RequestTimeout, "upload_timeout", $"the upload did not arrive within {limits.UploadTimeoutSeconds} s"));
        }
        catch (UploadTooLargeException e)
        {
            return (null, Problem(StatusCodes.Status413PayloadTooLarge, "upload_too_large", e.Message));
        }
        catch (NotMultipartException e)
        {
            return (null, Problem(StatusCodes.Status415UnsupportedMediaType, "not_multipart", e.Message));
        }
        catch (BadUploadException e)
        {
            return (null, Problem(StatusCodes.Status400BadRequest, e.Code, e.Message));
        }
        catch (BadHttpRequestException e)
        {
            return (null, e.StatusCode switch
            {
                StatusCodes.Status413PayloadTooLarge => Problem(StatusCodes.Status413PayloadTooLarge, "upload_too_large", $"the upload is larger than the {limits.MaxUploadBytes / (1024 * 1024)} MB limit"),
                // Kestrel's minimum data rate: the client may be gone, but if it still listens it learns why.
                StatusCodes.Status408RequestTimeout => Problem(StatusCodes.Status408RequestTimeout, "upload_too_slow", $"the upload arrived slower than {limits.MinUploadBytesPerSecond / 1024:0.#} KB/s"),
                _ => Problem(StatusCodes.Status400BadRequest, "bad_upload", e.Message),
            });
        }
    }

    private static ProblemHttpResult Problem(int status, string code, string detail) => (ProblemHttpResult)MediaProblems.Problem(status, code, detail);

    internal static TrackSelection ParseSelection(string value) => value.Trim().ToUpperInvariant() switch
    {
        "LONGEST" => TrackSelection.Longest,
        "LARGEST" => TrackSelection.Largest,
        "FIRST" => TrackSelection.First,
        "ALL" => TrackSelection.All,
        _ => throw new BadUploadException($"select_strategy must be one of {string.Join(", ", Strategies)}, got '{value}'"),
    };

    private static string ParseOperatingPoint(string value)
    {
        var name = value.Trim().ToLowerInvariant();
        return AnalysisOptions.OperatingPoints.Contains(name) ? name
            : throw new BadUploadException($"{OperatingPointField} must be one of {string.Join(", ", AnalysisOptions.OperatingPoints)}, got '{value}'", UnknownOperatingPointException.Code);
    }

    private static async Task<string> ReadFieldAsync(string name, MultipartSection section, CancellationToken cancellationToken)
    {
        var buffer = new byte[MaxFieldBytes + 1];
        var read = await section.Body.ReadAtLeastAsync(buffer, buffer.Length, throwOnEndOfStream: false, cancellationToken).ConfigureAwait(false);
        if (read > MaxFieldBytes) throw new BadUploadException($"the form field '{name}' is longer than {MaxFieldBytes} bytes");
        return System.Text.Encoding.UTF8.GetString(buffer, 0, read);
    }
}
