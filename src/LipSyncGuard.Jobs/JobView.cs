using System.Text.Json;

namespace LipSyncGuard.Jobs;

/// <summary>A job as clients see it (<c>GET /api/jobs/{id}</c>, callbacks, <c>lipsync batch</c>).</summary>
/// <param name="Id">The job id.</param>
/// <param name="State">queued, running, succeeded, failed or cancelled.</param>
/// <param name="Progress">0–1.</param>
/// <param name="FileName">The client's name for the video.</param>
/// <param name="CreatedAt">When it was submitted.</param>
/// <param name="StartedAt">When the last attempt started.</param>
/// <param name="FinishedAt">When it ended.</param>
/// <param name="Attempts">Times a worker started it.</param>
/// <param name="Result">Once succeeded: the same object <c>POST /api/lip-sync</c> returns.</param>
/// <param name="Error">Once failed: a ProblemDetails with a <c>code</c>.</param>
public sealed record JobView(
    string Id, string State, double Progress, string FileName, DateTimeOffset CreatedAt, DateTimeOffset? StartedAt, DateTimeOffset? FinishedAt,
    int Attempts, JsonElement? Result, JobProblem? Error)
{
    /// <summary>The view of <paramref name="job"/>; lists leave the (large) result out.</summary>
    public static JobView From(JobRecord job, bool withResult = true)
    {
        JsonElement? result = null;
        if (withResult && job.ResultJson is { } json)
        {
            using var document = JsonDocument.Parse(json);
            result = document.RootElement.Clone();
        }
        var error = job.Error is { } e ? new JobProblem($"https://lipsyncguard.dev/problems/{e.Code}", e.Code.Replace('_', ' '), e.Status, e.Detail, e.Code) : null;
        return new JobView(job.Id, job.State.ToName(), job.Progress, job.Request.FileName, job.CreatedUtc, job.StartedUtc, job.FinishedUtc, job.Attempts, result, error);
    }
}

/// <summary>Why a job failed, shaped like the synchronous endpoint's ProblemDetails.</summary>
/// <param name="Type">A URI naming the problem.</param>
/// <param name="Title">The code in words.</param>
/// <param name="Status">The status the synchronous endpoint answers for the same input.</param>
/// <param name="Detail">What went wrong.</param>
/// <param name="Code">Machine-readable code.</param>
public sealed record JobProblem(string Type, string Title, int Status, string Detail, string Code);
