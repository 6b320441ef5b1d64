using System.Net;
using System.Text.Json;
using LipSyncGuard.Analysis;
using LipSyncGuard.Jobs.Queue;
using LipSyncGuard.Testing;
using Xunit;

namespace LipSyncGuard.Jobs.Tests;

/// <summary>The worker on the embedded backend (SQLite file, in-process queue) with the real analyzer.</summary>
public sealed class JobWorkerTests(WorkerFixture fixture) : IClassFixture<WorkerFixture>, IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);
    private readonly TempDir _dir = new("lsg-jobs-");
    private JobBackend _backend = null!;

    private static JobWorkerOptions FastHeartbeat => JobWorkerOptions.Default with { HeartbeatInterval = TimeSpan.FromMilliseconds(100) };

    public Task InitializeAsync()
    {
        _backend = new JobBackend(new JobsOptions { StoragePath = _dir.Path, MaxAttempts = 2 }, "test");
        return _backend.Store.InitializeAsync();
    }

    public async Task DisposeAsync()
    {
        await _backend.DisposeAsync();
        _dir.Dispose();
    }

    private async Task<string> SubmitAsync(string file, AnalysisOptions? options = null, Uri? callback = null)
    {
        var job = JobRecord.New(new JobRequest(Path.GetFileName(file), options ?? AnalysisOptions.Default) { CallbackUrl = callback }, DateTimeOffset.UtcNow);
        await _backend.SubmitFileAsync(job, file);
        return job.Id;
    }

    private JobWorker Worker() => new(_backend, fixture.Analyzer, FastHeartbeat);

    private int VideosLeft() => Directory.EnumerateFiles(_backend.Storage.Directory).Count(f => !Path.GetFileName(f).StartsWith("jobs.db", StringComparison.Ordinal));

    private async Task<JobRecord> UntilAsync(string id, Func<JobRecord, bool> condition)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (true)
        {
            var job = await _backend.Store.GetAsync(id);
            if (job is not null && condition(job)) return job;
            Assert.True(DateTime.UtcNow < deadline, $"job {id} stayed {job?.State}");
            await Task.Delay(50);
        }
    }

    [Fact]
    public async Task HandleAsync_ShortClip_StoresTheAnalyzersResultAndDeletesTheVideo()
    {
        var id = await SubmitAsync(fixture.ShortClip);
        var outcome = await Worker().HandleAsync(new JobDelivery(id, false), CancellationToken.None);
        Assert.Equal(JobOutcome.Done, outcome);
        var job = (await _backend.Store.GetAsync(id))!;
        Assert.Equal(JobState.Succeeded, job.State);
        Assert.Equal(1, job.Attempts);
        var direct = await fixture.Analyzer.AnalyzeAsync(fixture.ShortClip);
        using var stored = JsonDocument.Parse(job.ResultJson!);
        Assert.Equal(direct.IsFake, stored.RootElement.GetProperty("is_fake").GetBoolean());
        Assert.Equal(direct.ManipulationProbability, stored.RootElement.GetProperty("manipulation_probability").GetDouble(), 6);
        Assert.Equal(0, VideosLeft());
    }

    [Fact]
    public async Task HandleAsync_CallbackFailsFirst_RetriesAndDeliversTheStoredJob()
    {
        using var receiver = new CallbackReceiver(HttpStatusCode.ServiceUnavailable);
        var id = await SubmitAsync(fixture.ShortClip, callback: receiver.Url);
        using var callbacks = new HttpClient();
        var worker = new JobWorker(_backend, fixture.Analyzer, FastHeartbeat with { CallbackBackoff = TimeSpan.FromMilliseconds(20) }, callbacks: callbacks);

        Assert.Equal(JobOutcome.Done, await worker.HandleAsync(new JobDelivery(id, false), CancellationToken.None));

        Assert.Equal(2, receiver.Bodies.Count);
        using var delivered = JsonDocument.Parse(receiver.Bodies.Last());
        Assert.Equal(id, delivered.RootElement.GetProperty("id").GetString());
        Assert.Equal("succeeded", delivered.RootElement.GetProperty("state").GetString());
        Assert.Equal(JsonValueKind.Object, delivered.RootElement.GetProperty("result").ValueKind);
    }

    [Fact]
    public async Task HandleAsync_PoisonFile_FailsWithItsCodeAndDeadLetters()
    {
        var poison = _dir.File("poison.mp4");
        await File.WriteAllBytesAsync(poison, [.. Enumerable.Range(0, 4096).Select(i => (byte)(i * 7919 % 251))]);
        var id = await SubmitAsync(poison);
        var outcome = await Worker().HandleAsync(new JobDelivery(id, false), CancellationToken.None);
        Assert.Equal(JobOutcome.DeadLetter, outcome);
        var job = (await _backend.Store.GetAsync(id))!;
        Assert.Equal(JobState.Failed, job.State);
        Assert.Equal("unsupported_format", job.Error!.Code);
        Assert.Equal(415, job.Error.Status);
        Assert.DoesNotContain(id, job.Error.Detail, StringComparison.Ordinal);
        File.Delete(poison);
        Assert.Equal(0, VideosLeft());
    }

    [Fact]
    public async Task HandleAsync_PointTheCueCardLacks_FailsAtOnceWithInvalidOperatingPoint()
    {
        // A cue verdict fitted without a strict point: no worker running it can ever honour the request.
        var card = System.Text.Json.Nodes.JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(SharedMedia.RepositoryRoot, "models", LipSyncAnalyzerOptions.DefaultCuesFile)))!;
        card["OperatingPoints"]!.AsObject().Remove("strict");
        using var cardDir = new TempDir("lsg-worker-cues-");
        var cuesPath = cardDir.File("cues.json");
        await File.WriteAllTextAsync(cuesPath, card.ToJsonString());
        using var analyzer = new LipSyncAnalyzer(LipSyncAnalyzerOptions.Default with { CuesPath = cuesPath });
        var id = await SubmitAsync(fixture.ShortClip, AnalysisOptions.Default with { OperatingPoint = "strict" });

        var outcome = await new JobWorker(_backend, analyzer, FastHeartbeat).HandleAsync(new JobDelivery(id, false), CancellationToken.None);

        Assert.Equal(JobOutcome.DeadLetter, outcome);
        var job = (await _backend.Store.GetAsync(id))!;
        Assert.Equal((JobState.Failed, 1), (job.State, job.Attempts));
        Assert.Equal(("invalid_operating_point", 400), (job.Error!.Code, job.Error.Status));
        Assert.Equal(0, VideosLeft());
    }

    [Fact]
    public async Task HandleAsync_AttemptsExhausted_FailsAndDeadLetters()
    {
        var id = await SubmitAsync(fixture.ShortClip);
        // Two earlier attempts that never finished (their workers were killed).
        await _backend.Store.StartAsync(id, "crashed-1");
        await _backend.Store.StartAsync(id, "crashed-2");
        var outcome = await Worker().HandleAsync(new JobDelivery(id, true), CancellationToken.None);
        Assert.Equal(JobOutcome.DeadLetter, outcome);
        var job = (await _backend.Store.GetAsync(id))!;
        Assert.Equal("too_many_attempts", job.Error!.Code);
        Assert.Equal(0, VideosLeft());
    }

    [Fact]
    public async Task RunAsync_JobCancelledWhileRunning_StopsAndDeletesTheVideo()
    {
        using var stop = new CancellationTokenSource();
        var running = Worker().RunAsync(1, stop.Token);
        var id = await SubmitAsync(fixture.LongClip);
        await UntilAsync(id, j => j.State == JobState.Running && j.Progress > 0);
        Assert.True(await _backend.Store.CancelAsync(id));
        // The worker notices at its next heartbeat, stops analysing and removes the video.
        var deadline = DateTime.UtcNow + Patience;
        while (VideosLeft() > 0)
        {
            Assert.True(DateTime.UtcNow < deadline, "the video was not deleted");
            await Task.Delay(50);
        }
        await stop.CancelAsync();
        await running;
        Assert.Equal(JobState.Cancelled, (await _backend.Store.GetAsync(id))!.State);
        Assert.Equal(new QueueCounts(0, 0), await _backend.Queue.CountAsync());
    }

    [Fact]
    public async Task RunAsync_ShutdownWhileRunning_ReleasesTheJob()
    {
        using var stop = new CancellationTokenSource();
        var running = Worker().RunAsync(1, stop.Token);
        var id = await SubmitAsync(fixture.LongClip);
        await UntilAsync(id, j => j.State == JobState.Running);
        await stop.CancelAsync();
        await running.WaitAsync(Patience);
        var job = (await _backend.Store.GetAsync(id))!;
        Assert.Equal(JobState.Queued, job.State);
        Assert.Equal(1, (await _backend.Queue.CountAsync()).Ready);
        Assert.Equal(1, VideosLeft());
    }
}
