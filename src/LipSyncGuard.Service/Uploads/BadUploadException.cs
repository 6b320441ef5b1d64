namespace LipSyncGuard.Service.Uploads;

/// <summary>The request is not a usable multipart upload (HTTP 400); <paramref name="code"/> is the ProblemDetails'
/// <c>code</c>.</summary>
public sealed class BadUploadException(string message, string code = BadUploadException.DefaultCode) : Exception(message)
{
    /// <summary>The code of a malformed upload.</summary>
    public const string DefaultCode = "bad_upload";

    /// <summary>The machine-readable code the answer carries (e.g. <c>invalid_operating_point</c>).</summary>
    public string Code { get; } = code;
}
