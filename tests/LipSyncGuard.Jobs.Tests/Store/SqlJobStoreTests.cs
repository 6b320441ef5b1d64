using LipSyncGuard.Analysis;
using LipSyncGuard.Faces;
using LipSyncGuard.Jobs.Store;
using Xunit;

namespace LipSyncGuard.Jobs.Tests.Store;

/// <summary>The store contract, run against each database (subclasses supply the store).</summary>
public abstract class SqlJobStoreTests
{
    /// <summary>A store over a new database, initialized; <paramref name="before"/> is SQL run on that database first.</summary>
    protected abstract Task<IJobStore> CreateStoreAsync(string? before = null);

    private static JobRecord NewJob(string? key = null, DateTimeOffset? at = null) =>
        JobRecord.New(new JobRequest("clip.mp4", AnalysisOptions.Default with { MaxFaces = 3 }) { IdempotencyKey = key, CallbackUrl = new Uri("https://hooks.example/done") },
            at ?? DateTimeOffset.UtcNow);

    [SkippableFact]
    public async Task CreateAsync_SameIdempotencyKeyOrId_ReturnsFirstJob()
    {
        await using var store = await CreateStoreAsync();
        var (first, created) = await store.CreateAsync(NewJob("key-1"));
        var (second, createdAgain) = await store.CreateAsync(NewJob("key-1"));
        Assert.True(created);
        Assert.False(createdAgain);
        Assert.Equal(first.Id, second.Id);
        var stored = await store.GetAsync(first.Id);
        Assert.Equal(JobState.Queued, stored!.State);
        Assert.Equal(3, stored.Request.Options.MaxFaces);
        Assert.Equal("https://hooks.example/done", stored.Request.CallbackUrl!.AbsoluteUri);
        // A retried submission of the same job (after a broker outage) finds it too.
        Assert.False((await store.CreateAsync(first)).Created);
        Assert.Single(await store.ListAsync());
    }

    [SkippableFact]
    public async Task CreateAsync_OperatingPoint_KeptWithTheRequest()
    {
        await using var store = await CreateStoreAsync();
        var strict = JobRecord.New(new JobRequest("clip.mp4", AnalysisOptions.Default with { OperatingPoint = "strict" }), DateTimeOffset.UtcNow);

        await store.CreateAsync(strict);
        var (unset, _) = await store.CreateAsync(NewJob());

        // What the worker reads back (StartAsync) is what it analyses with.
        Assert.Equal("strict", (await store.StartAsync(strict.Id, "a"))!.Request.Options.OperatingPoint);
        Assert.Null((await store.GetAsync(unset.Id))!.Request.Options.OperatingPoint);
    }

    [SkippableFact]
    public async Task InitializeAsync_TableOfAnEarlierVersion_AddsTheColumnAndKeepsItsJobs()
    {
        // The table as the first jobs release created it (no operating_point), with one queued job in it.
        await using var store = await CreateStoreAsync("""
            CREATE TABLE lipsync_jobs (id TEXT PRIMARY KEY, state TEXT NOT NULL, progress DOUBLE PRECISION NOT NULL, file_name TEXT NOT NULL,
                selection TEXT NOT NULL, max_faces INTEGER NOT NULL, idempotency_key TEXT UNIQUE, callback_url TEXT, attempts INTEGER NOT NULL,
                attempt TEXT, created_ms BIGINT NOT NULL, updated_ms BIGINT NOT NULL, started_ms BIGINT, finished_ms BIGINT, result TEXT,
                error_code TEXT, error_status INTEGER, error_detail TEXT);
            INSERT INTO lipsync_jobs (id, state, progress, file_name, selection, max_faces, attempts, created_ms, updated_ms)
                VALUES ('0123456789abcdef0123456789abcdef', 'queued', 0, 'old.mp4', 'all', 2, 0, 1, 1);
            """);

        var old = await store.GetAsync("0123456789abcdef0123456789abcdef");
        var (added, _) = await store.CreateAsync(JobRecord.New(new JobRequest("new.mp4", AnalysisOptions.Default with { OperatingPoint = "sensitive" }), DateTimeOffset.UtcNow));

        Assert.Equal(("old.mp4", TrackSelection.All, 2), (old!.Request.FileName, old.Request.Options.Selection, old.Request.Options.MaxFaces));
        Assert.Null(old.Request.Options.OperatingPoint);
        Assert.Equal("sensitive", (await store.GetAsync(added.Id))!.Request.Options.OperatingPoint);
    }

    [SkippableFact]
    public async Task StartAsync_SecondAttempt_TakesOverAndFirstCannotFinish()
    {
        await using var store = await CreateStoreAsync();
        var (job, _) = await store.CreateAsync(NewJob());
        Assert.Equal(1, (await store.StartAsync(job.Id, "a"))!.Attempts);
        // A redelivery (the first worker crashed, or lost the broker) starts a second attempt.
        Assert.Equal(2, (await store.StartAsync(job.Id, "b"))!.Attempts);
        Assert.False(await store.ReportProgressAsync(job.Id, "a", 0.5));
        Assert.False(await store.SucceedAsync(job.Id, "a", "{\"from\":\"a\"}"));
        Assert.True(await store.ReportProgressAsync(job.Id, "b", 0.5));
        Assert.True(await store.SucceedAsync(job.Id, "b", "{\"from\":\"b\"}"));
        Assert.False(await store.SucceedAsync(job.Id, "b", "{\"from\":\"b again\"}"));
        var done = await store.GetAsync(job.Id);
        Assert.Equal(JobState.Succeeded, done!.State);
        Assert.Equal("{\"from\":\"b\"}", done.ResultJson);
        Assert.Equal(1, done.Progress);
        // A final job is never restarted: its late redelivery is only acknowledged.
        Assert.Null(await store.StartAsync(job.Id, "c"));
    }

    [SkippableFact]
    public async Task CancelAsync_RunningJob_OwnerSeesItAndCannotFinish()
    {
        await using var store = await CreateStoreAsync();
        var (job, _) = await store.CreateAsync(NewJob());
        await store.StartAsync(job.Id, "a");
        Assert.True(await store.CancelAsync(job.Id));
        Assert.False(await store.CancelAsync(job.Id));
        Assert.False(await store.ReportProgressAsync(job.Id, "a", 0.9));
        Assert.False(await store.FailAsync(job.Id, "a", new JobError("internal_error", 500, "x")));
        Assert.Equal(JobState.Cancelled, (await store.GetAsync(job.Id))!.State);
    }

    [SkippableFact]
    public async Task FailAsync_OwnedJob_KeepsTheError()
    {
        await using var store = await CreateStoreAsync();
        var (job, _) = await store.CreateAsync(NewJob());
        await store.StartAsync(job.Id, "a");
        Assert.True(await store.FailAsync(job.Id, "a", new JobError("unsupported_format", 415, "not a video")));
        var failed = await store.GetAsync(job.Id);
        Assert.Equal(JobState.Failed, failed!.State);
        Assert.Equal(new JobError("unsupported_format", 415, "not a video"), failed.Error);
        Assert.NotNull(failed.FinishedUtc);
    }

    [SkippableFact]
    public async Task ReleaseAsync_OwnedJob_QueuedAgain()
    {
        await using var store = await CreateStoreAsync();
        var (job, _) = await store.CreateAsync(NewJob());
        await store.StartAsync(job.Id, "a");
        Assert.False(await store.ReleaseAsync(job.Id, "other"));
        Assert.True(await store.ReleaseAsync(job.Id, "a"));
        var queued = await store.GetAsync(job.Id);
        Assert.Equal(JobState.Queued, queued!.State);
        Assert.Null(queued.Attempt);
    }

    [SkippableFact]
    public async Task ListAsync_StateFilter_ReturnsThatStateNewestFirst()
    {
        await using var store = await CreateStoreAsync();
        var now = DateTimeOffset.UtcNow;
        var (old, _) = await store.CreateAsync(NewJob(at: now.AddMinutes(-2)));
        var (recent, _) = await store.CreateAsync(NewJob(at: now.AddMinutes(-1)));
        var (running, _) = await store.CreateAsync(NewJob(at: now));
        await store.StartAsync(running.Id, "a");
        Assert.Equal([recent.Id, old.Id], (await store.ListAsync(JobState.Queued)).Select(j => j.Id));
        Assert.Equal([running.Id], (await store.ListAsync(JobState.Running)).Select(j => j.Id));
        Assert.Equal(3, (await store.ListAsync(limit: 10)).Count);
        var counts = await store.CountAsync();
        Assert.Equal(2, counts[JobState.Queued]);
        Assert.Equal(1, counts[JobState.Running]);
    }

    [SkippableFact]
    public async Task DeleteFinishedAsync_BeforeCutoff_DeletesOnlyFinishedJobs()
    {
        await using var store = await CreateStoreAsync();
        var (finished, _) = await store.CreateAsync(NewJob());
        var (live, _) = await store.CreateAsync(NewJob());
        await store.CancelAsync(finished.Id);
        Assert.Empty(await store.DeleteFinishedAsync(DateTimeOffset.UtcNow.AddHours(-1)));
        Assert.Equal([finished.Id], await store.DeleteFinishedAsync(DateTimeOffset.UtcNow.AddSeconds(1)));
        Assert.Null(await store.GetAsync(finished.Id));
        Assert.NotNull(await store.GetAsync(live.Id));
    }
}
