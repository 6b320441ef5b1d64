namespace LipSyncGuard.Testing.Reliability;

/// <summary>One input of the hostile corpus and what the product must do with it: refuse it with one of
/// <see cref="RefusalCodes"/> (CLI exit 2, HTTP <see cref="HttpStatus"/> ProblemDetails), or judge it (exit 0 / 200).</summary>
public sealed record HostileCase
{
    /// <summary>Short stable name (the test case and report row).</summary>
    public required string Name { get; init; }

    /// <summary>What the input is, for the report.</summary>
    public required string What { get; init; }

    /// <summary>The file given to <c>lipsync analyze</c> and uploaded.</summary>
    public required string Path { get; init; }

    /// <summary>The multipart file name the client sends.</summary>
    public string UploadName { get; init; } = "video.mp4";

    /// <summary>The Content-Type of the multipart file part.</summary>
    public string ContentType { get; init; } = "video/mp4";

    /// <summary>Codes accepted as a refusal; empty when only a verdict is right.</summary>
    public IReadOnlyList<string> RefusalCodes { get; init; } = [];

    /// <summary>The HTTP status of a refusal.</summary>
    public int HttpStatus { get; init; } = 200;

    /// <summary>The HTTP code when it differs from the CLI's (an empty upload is a bad request before any media check).</summary>
    public string? HttpCode { get; init; }

    /// <summary>True when a verdict is right (alone, or besides a refusal for damaged-but-partly-readable files).</summary>
    public bool VerdictAllowed { get; init; }

    /// <summary>The displayed frame size a verdict must report, when known.</summary>
    public (int Width, int Height)? ExpectedSize { get; init; }

    /// <summary>True when the video shows a real face that a verdict must have found.</summary>
    public bool ExpectFace { get; init; }

    /// <summary>The expectation as the report prints it.</summary>
    public string Expected => RefusalCodes.Count == 0
        ? "verdict"
        : string.Join(" or ", RefusalCodes) + (VerdictAllowed ? " or verdict" : "");
}
