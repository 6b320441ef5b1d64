namespace LipSyncGuard.Service.Uploads;

/// <summary>The upload passed the size limit (HTTP 413).</summary>
public sealed class UploadTooLargeException(long limit) : Exception($"the upload is larger than the {limit / (1024 * 1024)} MB limit")
{
    /// <summary>The limit in bytes.</summary>
    public long Limit { get; } = limit;
}
