using System.Collections.Concurrent;
using LipSyncGuard.Analysis;
using LipSyncGuard.Jobs;
using LipSyncGuard.Jobs.Queue;
using LipSyncGuard.Testing;
using LipSyncGuard.Testing.Services;
using Xunit;

namespace LipSyncGuard.Cli.Tests;

/// <summary><c>lipsync worker</c> and <c>lipsync batch</c> as separate processes on a real RabbitMQ node and PostgreSQL
/// cluster (each test with its own virtual host, database and storage folder): the scale-out set-up on loopback.</summary>
[Collection(ServersCollection.Name)]
public sealed class WorkerCommandTests(ServersFixture servers) : IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(3);
    private readonly TempDir _dir = new("lsg-scale-");
    private readonly List<LipsyncChild> _workers = [];
    private RabbitMqServer _rabbit = null!;
    private Uri _broker = null!;
    private string _database = null!;
    private JobBackend _backend = null!;

    private string Storage => _dir.File("storage");

    private string[] Connection => ["--broker", _broker.AbsoluteUri, "--database", _database, "--storage", Storage];

    public async Task InitializeAsync()
    {
        _rabbit = await servers.RabbitAsync();
        _broker = await _rabbit.NewVirtualHostAsync();
        _database = await (await servers.PostgresAsync()).NewDatabaseAsync();
        _backend = new JobBackend(new JobsOptions { Broker = _broker.AbsoluteUri, Database = _database, StoragePath = Storage }, "test");
    }

    public async Task DisposeAsync()
    {
        foreach (var worker in _workers) worker.Dispose();
        if (_backend is not null) await _backend.DisposeAsync();
        _dir.Dispose();
    }

    private LipsyncChild StartWorker()
    {
        // Sync-only analysis: what is tested is the distribution of jobs, not the detector.
        var worker = LipsyncChild.Start(["worker", "--slots", "1", "--weights", LipSyncAnalyzerOptions.NoDetector, .. Connection]);
        _workers.Add(worker);
        return worker;
    }

    private string Clip(string name, double seconds)
    {
        var path = _dir.File(name);
        Ffmpeg.Run("-i", Path.Combine(SharedMedia.RepositoryRoot, "samples", "real_vox2_00015.mp4"), "-t", seconds.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "-c:v", "libx264", "-preset", "ultrafast", "-c:a", "aac", path);
        return path;
    }

    private async Task<string> EnqueueAsync(string file)
    {
        var job = JobRecord.New(new JobRequest(Path.GetFileName(file), AnalysisOptions.Default), DateTimeOffset.UtcNow);
        await _backend.SubmitFileAsync(job, file);
        return job.Id;
    }

    private async Task<JobRecord> UntilAsync(string id, Func<JobRecord, bool> condition)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (true)
        {
            var job = await _backend.Store.GetAsync(id);
            if (job is not null && condition(job)) return job;
            Assert.True(DateTime.UtcNow < deadline, $"job {id} stayed {job?.State}; workers: {string.Join("\n---\n", _workers.Select(w => w.Output))}");
            await Task.Delay(100);
        }
    }

    /// <summary>The queue sizes, once this test's own connection has recovered from a broker restart.</summary>
    private async Task<QueueCounts> CountWhenReconnectedAsync()
    {
        var deadline = DateTime.UtcNow + Patience;
        while (true)
        {
            try
            {
                return await _backend.Queue.CountAsync();
            }
            catch (JobsUnavailableException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(250);
            }
        }
    }

    /// <summary>The queue's counts once it has drained, or as they stand when <see cref="Patience"/> runs out: a message
    /// redelivered across a broker restart for a job that is already finished sits ready until a worker takes and drops it.</summary>
    private async Task<QueueCounts> CountWhenDrainedAsync()
    {
        var deadline = DateTime.UtcNow + Patience;
        var counts = await CountWhenReconnectedAsync();
        while (counts != new QueueCounts(0, 0) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(250);
            counts = await CountWhenReconnectedAsync();
        }
        return counts;
    }

    private int VideosLeft() => Directory.EnumerateFiles(Storage).Count();

    [SkippableFact]
    public async Task Batch_TwoWorkers_EveryJobSucceedsAndIsStoredOnce()
    {
        var folder = Directory.CreateDirectory(_dir.File("in")).FullName;
        var clip = Clip("short.mp4", 1.5);
        const int Jobs = 10;
        for (var i = 0; i < Jobs; i++) File.Copy(clip, Path.Combine(folder, $"clip{i:D2}.mp4"));
        StartWorker();
        StartWorker();

        var csv = _dir.File("results.csv");
        var batch = await LipsyncProcess.RunAsync(["batch", folder, "--csv", csv, "--json", _dir.File("results.jsonl"), .. Connection]);

        Assert.True(batch.ExitCode == 0, batch.Stderr);
        var rows = File.ReadAllLines(csv).Skip(1).Select(l => l.Split(',')).ToList();
        Assert.Equal(Jobs, rows.Count);
        Assert.Equal(Jobs, rows.Select(r => r[1]).Distinct().Count());
        Assert.All(rows, r => Assert.Equal("succeeded", r[2]));
        Assert.Equal(Jobs, File.ReadAllLines(_dir.File("results.jsonl")).Length);
        Assert.Contains($"[{Jobs}/{Jobs}]", batch.Stderr, StringComparison.Ordinal);
        var stored = await _backend.Store.ListAsync(limit: 100);
        Assert.Equal(Jobs, stored.Count);
        Assert.All(stored, j => Assert.Equal((JobState.Succeeded, 1), (j.State, j.Attempts)));
        // Both workers took jobs.
        Assert.Equal(2, stored.Select(j => j.Attempt!.Split('/')[0]).Distinct().Count());
        Assert.Equal(new QueueCounts(0, 0), await _backend.Queue.CountAsync());
        Assert.Equal(0, VideosLeft());
    }

    [SkippableFact]
    public async Task Worker_KilledMidJob_JobRedeliveredToAnotherAndSucceeds()
    {
        var doomed = StartWorker();
        var id = await EnqueueAsync(Path.Combine(SharedMedia.RepositoryRoot, "samples", "real_vox2_00015.mp4"));
        await UntilAsync(id, j => j.State == JobState.Running);

        doomed.Kill();
        StartWorker();

        var job = await UntilAsync(id, j => j.State.IsFinal());
        Assert.Equal(JobState.Succeeded, job.State);
        Assert.Equal(2, job.Attempts);
        Assert.Equal(new QueueCounts(0, 0), await _backend.Queue.CountAsync());
        Assert.Equal(0, VideosLeft());
    }

    [SkippableFact]
    public async Task Worker_Terminated_ReleasesTheRunningJobAndExits()
    {
        var worker = StartWorker();
        var id = await EnqueueAsync(Path.Combine(SharedMedia.RepositoryRoot, "samples", "real_vox2_00015.mp4"));
        await UntilAsync(id, j => j.State == JobState.Running);

        worker.Terminate();

        Assert.Equal(0, await worker.WaitAsync(TimeSpan.FromSeconds(60)));
        Assert.Equal(JobState.Queued, (await _backend.Store.GetAsync(id))!.State);
        Assert.Equal(1, (await _backend.Queue.CountAsync()).Ready);
        Assert.Equal(1, VideosLeft());
    }

    [SkippableFact]
    public async Task Worker_BrokerRestartedMidRun_ReconnectsAndLosesNoJob()
    {
        StartWorker();
        var clip = Clip("short.mp4", 1.5);
        var ids = new List<string>();
        for (var i = 0; i < 4; i++) ids.Add(await EnqueueAsync(clip));
        await UntilAsync(ids[0], j => j.State.IsFinal());

        await _rabbit.StopAsync();
        await _rabbit.StartAgainAsync();

        foreach (var id in ids)
        {
            var job = await UntilAsync(id, j => j.State.IsFinal());
            Assert.Equal(JobState.Succeeded, job.State);
        }
        // A job can be redelivered across the restart, but it is finished (and its result stored) by one attempt only, and
        // the redelivered copy is taken and dropped: nothing is left in the queue.
        Assert.Equal(new QueueCounts(0, 0), await CountWhenDrainedAsync());
        Assert.Equal(0, VideosLeft());
    }

    [SkippableFact]
    public async Task Batch_PoisonFile_FailsWithItsCodeAndIsDeadLettered()
    {
        var folder = Directory.CreateDirectory(_dir.File("in")).FullName;
        File.Copy(Clip("good.mp4", 1.5), Path.Combine(folder, "good.mp4"));
        await File.WriteAllBytesAsync(Path.Combine(folder, "poison.mp4"), [.. Enumerable.Range(0, 8192).Select(i => (byte)(i * 7919 % 251))]);
        StartWorker();

        var csv = _dir.File("results.csv");
        var batch = await LipsyncProcess.RunAsync(["batch", folder, "--csv", csv, .. Connection]);

        // Some jobs failed, not all: the partial-failure code analyze FOLDER uses.
        Assert.Equal(CliApp.SomeFailed, batch.ExitCode);
        Assert.Contains("error: jobs_failed: 1 of 2", batch.Stderr, StringComparison.Ordinal);
        var rows = File.ReadAllLines(csv).Skip(1).Select(l => l.Split(',')).ToDictionary(r => r[0]);
        Assert.Equal("succeeded", rows["good.mp4"][2]);
        Assert.Equal(("failed", "unsupported_format"), (rows["poison.mp4"][2], rows["poison.mp4"][5]));
        Assert.Equal(1, await _rabbit.CountMessagesAsync(_broker, RabbitMqJobQueue.DeadLetterQueue));
        Assert.Equal(0, VideosLeft());
    }
}
