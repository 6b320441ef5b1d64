namespace LipSyncGuard.Service.Uploads;

/// <summary>The request body is not multipart/form-data (HTTP 415).</summary>
public sealed class NotMultipartException(string message) : Exception(message);
