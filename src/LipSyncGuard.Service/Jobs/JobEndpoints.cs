using System.Globalization;
using LipSyncGuard.Jobs;
using LipSyncGuard.Media;
using LipSyncGuard.Service.LipSync;
using LipSyncGuard.Service.Problems;
using LipSyncGuard.Service.Uploads;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace LipSyncGuard.Service.Jobs;

/// <summary>The asynchronous jobs API: <c>POST /api/v1/jobs</c> (alias <c>/api/jobs</c>) queues a video and answers 202 at once; clients poll
/// <c>GET /api/v1/jobs/{id}</c> (or get a callback) for the same result <c>/api/v1/lip-sync</c> returns.</summary>
public static class JobEndpoints
{
    private const int MaxIdempotencyKeyLength = 200;

    /// <summary>The canonical path.</summary>
    public const string Path = "/api/v1/jobs";

    /// <summary>The first path, kept as an alias (not in the OpenAPI document, so clients generate one method each).</summary>
    public const string AliasPath = "/api/jobs";

    /// <summary>Maps the endpoints.</summary>
    public static IEndpointRouteBuilder MapJobs(this IEndpointRouteBuilder routes)
    {
        var group = Group(routes, Path);
        group.MapPost("/", SubmitAsync)
            .WithName("SubmitJob")
            .WithSummary("Queue a video for analysis")
            .WithDescription("multipart/form-data with the file in 'video_file' and the options of /api/v1/lip-sync ('select_strategy', 'max_faces', "
                + "'all_faces', 'operating_point'); optional 'callback_url' (an allowed host: LipSync:Jobs:CallbackHosts) receives the finished job as JSON; an optional "
                + "'Idempotency-Key' header makes a retried submission return the first job. Answers 202 with Location: /api/v1/jobs/{id}. The upload "
                + "follows /api/v1/lip-sync's rules (size, arrival time and rate) and is probed first, so a file /api/v1/lip-sync would refuse is "
                + "refused here with the same 4xx.")
            .AddOpenApiOperationTransformer(UploadForm.DescribeJob)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status408RequestTimeout)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .DisableAntiforgery();
        group.MapGet("/{id}", GetAsync).WithName("GetJob").WithSummary("A job's state, progress, and result or error")
            .WithDescription("state: queued, running (progress 0–1), succeeded (result: the /api/v1/lip-sync object), failed (error: a ProblemDetails with a code), cancelled.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapDelete("/{id}", CancelAsync).WithName("CancelJob").WithSummary("Cancel a queued or running job")
            .WithDescription("Answers the cancelled job; 409 when it already ended.")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        group.MapGet("/", ListAsync).WithName("ListJobs").WithSummary("Jobs, newest first, without their results")
            .WithDescription("Optional 'state' (queued, running, succeeded, failed, cancelled) and 'limit' (1–1000, default 100).")
            .ProducesProblem(StatusCodes.Status400BadRequest);

        var alias = Group(routes, AliasPath).ExcludeFromDescription();
        alias.MapPost("/", SubmitAsync).DisableAntiforgery();
        alias.MapGet("/{id}", GetAsync);
        alias.MapDelete("/{id}", CancelAsync);
        alias.MapGet("/", ListAsync);
        return routes;
    }

    private static RouteGroupBuilder Group(IEndpointRouteBuilder routes, string path) =>
        routes.MapGroup(path).WithTags(ApiTags.Jobs).AddEndpointFilter(AnswerUnavailableAsync).ProducesProblem(StatusCodes.Status503ServiceUnavailable);

    private static async Task<Results<Accepted<JobView>, ProblemHttpResult>> SubmitAsync(
        HttpRequest request, JobBackend jobs, IOptions<ServiceOptions> options, CancellationToken cancellationToken)
    {
        var limits = options.Value;
        string? key = request.Headers["Idempotency-Key"];
        if (key is { Length: 0 or > MaxIdempotencyKeyLength })
            return Problem(StatusCodes.Status400BadRequest, "bad_idempotency_key", $"Idempotency-Key must be 1 to {MaxIdempotencyKeyLength} characters");
        var id = Guid.NewGuid().ToString("N");
        // Written straight into the shared storage; deleted on dispose unless committed (moved) below.
        await using var upload = new Upload(jobs.Storage.PartialPathFor(id));
        var (form, problem) = await UploadForm.ReadOrProblemAsync(request, upload, limits, cancellationToken).ConfigureAwait(false);
        if (problem is not null) return problem;
        Uri? callback = null;
        if (!string.IsNullOrEmpty(form!.CallbackUrl) && (!Uri.TryCreate(form.CallbackUrl, UriKind.Absolute, out callback) || !jobs.Options.AllowsCallback(callback)))
            return Problem(StatusCodes.Status400BadRequest, "callback_not_allowed", "callback_url must be an http(s) URL to a host in LipSync:Jobs:CallbackHosts");
        try
        {
            await new MediaProber(MediaLimits.Default with { MaxDuration = TimeSpan.FromSeconds(limits.MaxDurationSeconds) }).ProbeAsync(upload.Path, cancellationToken).ConfigureAwait(false);
        }
        catch (MediaException e)
        {
            return Problem(MediaProblems.StatusFor(e.Code), e.CodeName, e.Message.Replace($"'{System.IO.Path.GetFileName(upload.Path)}'", "the uploaded file", StringComparison.Ordinal));
        }

        var jobRequest = new JobRequest(form.FileName ?? "upload", form.Options) { IdempotencyKey = key, CallbackUrl = callback };
        var (job, created) = await jobs.Store.CreateAsync(JobRecord.New(jobRequest, TimeProvider.System.GetUtcNow()) with { Id = id }, cancellationToken).ConfigureAwait(false);
        if (!created) return TypedResults.Accepted(Location(request, job.Id), JobView.From(job));
        jobs.Storage.Commit(id);
        try
        {
            await jobs.Queue.PublishAsync(id, cancellationToken).ConfigureAwait(false);
        }
        catch (JobsUnavailableException)
        {
            // Not queued, so never run: take the job back rather than leave it queued forever.
            jobs.Storage.Delete(id);
            await jobs.Store.DeleteAsync(id, CancellationToken.None).ConfigureAwait(false);
            throw;
        }
        return TypedResults.Accepted(Location(request, id), JobView.From(job));
    }

    private static async Task<Results<Ok<JobView>, ProblemHttpResult>> GetAsync(string id, JobBackend jobs, CancellationToken cancellationToken) =>
        await FindAsync(id, jobs, cancellationToken).ConfigureAwait(false) is { } job ? TypedResults.Ok(JobView.From(job)) : NotFound(id);

    private static async Task<Results<Ok<JobView>, ProblemHttpResult>> CancelAsync(string id, JobBackend jobs, CancellationToken cancellationToken)
    {
        if (await FindAsync(id, jobs, cancellationToken).ConfigureAwait(false) is null) return NotFound(id);
        if (!await jobs.Store.CancelAsync(id, cancellationToken).ConfigureAwait(false))
            return Problem(StatusCodes.Status409Conflict, "job_finished", $"job {id} already ended");
        // A running worker notices at its next heartbeat; the video is not needed either way (an open file stays
        // readable until the worker closes it).
        jobs.Storage.Delete(id);
        return TypedResults.Ok(JobView.From((await jobs.Store.GetAsync(id, cancellationToken).ConfigureAwait(false))!));
    }

    private static async Task<Results<Ok<IReadOnlyList<JobView>>, ProblemHttpResult>> ListAsync(
        JobBackend jobs, string? state, int? limit, CancellationToken cancellationToken)
    {
        JobState? filter = null;
        if (state is not null)
        {
            if (!JobStates.TryParse(state, out var parsed))
                return Problem(StatusCodes.Status400BadRequest, "bad_state", $"state must be queued, running, succeeded, failed or cancelled, got '{state}'");
            filter = parsed;
        }
        if (limit is < 1 or > 1000) return Problem(StatusCodes.Status400BadRequest, "bad_limit", $"limit must be 1 to 1000, got {limit}");
        var list = await jobs.Store.ListAsync(filter, limit ?? 100, cancellationToken).ConfigureAwait(false);
        return TypedResults.Ok<IReadOnlyList<JobView>>([.. list.Select(j => JobView.From(j, withResult: false))]);
    }

    private static Task<JobRecord?> FindAsync(string id, JobBackend jobs, CancellationToken cancellationToken) =>
        JobStorage.IsId(id) ? jobs.Store.GetAsync(id, cancellationToken) : Task.FromResult<JobRecord?>(null);

    private static async ValueTask<object?> AnswerUnavailableAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        try
        {
            return await next(context).ConfigureAwait(false);
        }
        catch (JobsUnavailableException e)
        {
            var seconds = context.HttpContext.RequestServices.GetRequiredService<IOptions<ServiceOptions>>().Value.RetryAfterSeconds;
            context.HttpContext.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
            return Problem(StatusCodes.Status503ServiceUnavailable, "jobs_unavailable", $"the job {e.Component} cannot be reached; retry in {seconds} s");
        }
    }

    // The job lives under the path the client used (canonical or alias), so its poll URL works either way.
    private static string Location(HttpRequest request, string id) => $"{request.PathBase}{request.Path.Value?.TrimEnd('/')}/{id}";

    private static ProblemHttpResult NotFound(string id) => Problem(StatusCodes.Status404NotFound, "job_not_found", $"no job '{id}'");

    private static ProblemHttpResult Problem(int status, string code, string detail) => (ProblemHttpResult)MediaProblems.Problem(status, code, detail);
}
