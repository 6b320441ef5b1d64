namespace LipSyncGuard.Jobs;

/// <summary>Why a job failed, in the shape of the synchronous endpoint's ProblemDetails.</summary>
/// <param name="Code">Machine-readable code (a media error code such as <c>unsupported_format</c>, or
/// <c>too_many_attempts</c>, <c>expired</c>, <c>internal_error</c>).</param>
/// <param name="Status">The HTTP status the synchronous endpoint answers for the same input.</param>
/// <param name="Detail">What went wrong, for a person.</param>
public sealed record JobError(string Code, int Status, string Detail);
