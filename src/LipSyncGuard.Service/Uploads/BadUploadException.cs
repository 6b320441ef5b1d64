namespace LipSyncGuard.Service.Uploads;

/// <summary>The request is not a usable multipart upload (HTTP 400).</summary>
public sealed class BadUploadException(string message) : Exception(message);
