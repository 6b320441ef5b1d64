using System.Diagnostics;
using System.Globalization;
using System.Text;
using LipSyncGuard.Analysis;
using LipSyncGuard.Jobs;
using LipSyncGuard.Testing;
using LipSyncGuard.Testing.Reliability;
using LipSyncGuard.Testing.Services;

namespace LipSyncGuard.Bench;

/// <summary>Throughput of <c>lipsync worker</c> processes on RabbitMQ + PostgreSQL (both started for the run on
/// loopback): the same batch of short clips drained by one worker, then by two; the figure is the ratio of the two
/// wall times. Each run first drains one warm-up job per worker, so model loading is outside the timing.</summary>
internal static class JobsBenchmark
{
    public static async Task<string> RunAsync(BenchOptions options)
    {
        await using var rabbit = await RabbitMqServer.StartAsync().ConfigureAwait(false);
        await using var postgres = await PostgresServer.StartAsync().ConfigureAwait(false);
        using var dir = new TempDir("lsg-bench-jobs-");
        var clip = dir.File("clip.mp4");
        Ffmpeg.Run("-i", Path.Combine(Repository.Root, "samples", "real_vox2_00015.mp4"), "-t", options.Seconds.ToString(CultureInfo.InvariantCulture),
            "-c:v", "libx264", "-preset", "ultrafast", "-c:a", "aac", clip);
        var rows = new List<(int Workers, TimeSpan Wall)>();
        foreach (var workers in new[] { 1, 2 })
        {
            var jobs = new JobsOptions
            {
                Broker = (await rabbit.NewVirtualHostAsync().ConfigureAwait(false)).AbsoluteUri,
                Database = await postgres.NewDatabaseAsync().ConfigureAwait(false),
                StoragePath = dir.File($"storage-{workers}"),
            };
            await using var backend = new JobBackend(jobs, "bench");
            var cli = new LipsyncCli(LipsyncCli.BesideThisProgram, Directory.CreateDirectory(dir.File($"tmp-{workers}")).FullName);
            var processes = Enumerable.Range(0, workers).Select(i =>
            {
                var info = cli.Start(["worker", "--slots", "1", "--broker", jobs.Broker, "--database", jobs.Database, "--storage", jobs.StoragePath]);
                if (options.Pin)
                {
                    // One core per worker, as if each had a machine to itself: the ratio then measures the job
                    // distribution, not how well one analysis already spreads over the cores.
                    info.ArgumentList.Insert(0, info.FileName);
                    info.ArgumentList.Insert(0, (i % Environment.ProcessorCount).ToString(CultureInfo.InvariantCulture));
                    info.ArgumentList.Insert(0, "-c");
                    info.FileName = "taskset";
                }
                return Process.Start(info)!;
            }).ToList();
            foreach (var p in processes)
            {
                // Drained so a chatty worker never blocks on a full pipe.
                _ = p.StandardOutput.ReadToEndAsync();
                _ = p.StandardError.ReadToEndAsync();
            }
            try
            {
                await DrainAsync(backend, clip, workers).ConfigureAwait(false);
                var watch = Stopwatch.StartNew();
                await DrainAsync(backend, clip, options.Jobs).ConfigureAwait(false);
                rows.Add((workers, watch.Elapsed));
            }
            finally
            {
                foreach (var p in processes)
                {
                    p.Kill(entireProcessTree: true);
                    await p.WaitForExitAsync().ConfigureAwait(false);
                    p.Dispose();
                }
            }
        }

        var inv = CultureInfo.InvariantCulture;
        var md = new StringBuilder();
        md.AppendLine(inv, $"{options.Jobs} jobs of a {options.Seconds} s 224×224 clip (cut from samples/real_vox2_00015.mp4), shipped detector, `lipsync worker --slots 1` processes{(options.Pin ? " pinned to one core each (taskset)" : "")} on RabbitMQ + PostgreSQL on 127.0.0.1, {Environment.ProcessorCount} cores:").AppendLine();
        md.AppendLine("| workers | wall | jobs/min | speed-up vs 1 |").AppendLine("|---|---|---|---|");
        foreach (var (workers, wall) in rows)
            md.AppendLine(inv, $"| {workers} | {wall.TotalSeconds:F1} s | {options.Jobs / wall.TotalMinutes:F1} | {rows[0].Wall / wall:F2}× |");
        return md.ToString();
    }

    /// <summary>Queues <paramref name="count"/> jobs of <paramref name="clip"/> and waits until every one succeeded.</summary>
    private static async Task DrainAsync(JobBackend backend, string clip, int count)
    {
        var ids = new List<string>();
        for (var i = 0; i < count; i++)
        {
            var job = JobRecord.New(new JobRequest("clip.mp4", AnalysisOptions.Default), DateTimeOffset.UtcNow);
            await backend.SubmitFileAsync(job, clip).ConfigureAwait(false);
            ids.Add(job.Id);
        }
        var deadline = DateTime.UtcNow.AddMinutes(20);
        while (ids.Count > 0)
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"{ids.Count} jobs still unfinished");
            await Task.Delay(100).ConfigureAwait(false);
            foreach (var id in ids.ToList())
            {
                var job = await backend.Store.GetAsync(id).ConfigureAwait(false);
                if (job is { State: JobState.Succeeded }) ids.Remove(id);
                else if (job is { State: var s } && s.IsFinal()) throw new InvalidOperationException($"job {id} ended {s}: {job.Error?.Detail}");
            }
        }
    }
}
