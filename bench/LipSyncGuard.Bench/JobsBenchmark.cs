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
/// loopback): the same batch of short clips drained by one worker, then by two, each worker pinned to a core of its own
/// (<c>taskset</c>; its ffmpeg children inherit the pin) to stand for one machine; the figure is the ratio of the wall
/// times. The pair is measured <see cref="BenchOptions.Repeats"/> times, alternating, so load from other processes
/// falls on both sides, and the workers' CPU time shows how much of their cores they actually got. Each run first
/// drains one warm-up job per worker, so model loading is outside the timing.</summary>
internal static class JobsBenchmark
{
    public static async Task<string> RunAsync(BenchOptions options)
    {
        if (Environment.ProcessorCount < 2) throw new InvalidOperationException($"jobs needs 2 cores (one per worker), this machine has {Environment.ProcessorCount}");
        await using var rabbit = await RabbitMqServer.StartAsync().ConfigureAwait(false);
        await using var postgres = await PostgresServer.StartAsync().ConfigureAwait(false);
        using var dir = new TempDir("lsg-bench-jobs-");
        var clip = dir.File("clip.mp4");
        Ffmpeg.Run("-i", Path.Combine(Repository.Root, "samples", "real_vox2_00015.mp4"), "-t", options.Seconds.ToString(CultureInfo.InvariantCulture),
            "-c:v", "libx264", "-preset", "ultrafast", "-c:a", "aac", clip);
        var loadBefore = LoadAverage();
        var runs = new List<(Run One, Run Two)>();
        for (var r = 0; r < options.Repeats; r++)
        {
            var one = await MeasureAsync(rabbit, postgres, dir, clip, $"{r}-1", workers: 1, options.Jobs).ConfigureAwait(false);
            var two = await MeasureAsync(rabbit, postgres, dir, clip, $"{r}-2", workers: 2, options.Jobs).ConfigureAwait(false);
            runs.Add((one, two));
        }

        var inv = CultureInfo.InvariantCulture;
        var md = new StringBuilder();
        md.AppendLine(inv, $"{options.Jobs} jobs of a {options.Seconds} s 224×224 clip (cut from samples/real_vox2_00015.mp4), shipped detector, `lipsync worker --slots 1` processes each pinned to one core (`taskset -c K`) on RabbitMQ + PostgreSQL on 127.0.0.1; {Environment.ProcessorCount} cores, load average {loadBefore} before and {LoadAverage()} after:").AppendLine();
        md.AppendLine("| run | 1 worker (core 0) | 2 workers (cores 0, 1) | speed-up |").AppendLine("|---|---|---|---|");
        string Cell(Run run) => string.Create(inv, $"{run.Wall.TotalSeconds:F1} s, {options.Jobs / run.Wall.TotalMinutes:F1} jobs/min, {run.CpuSeconds / options.Jobs:F2} CPU s/job, cores {run.Busy:P0} busy");
        for (var r = 0; r < runs.Count; r++) md.AppendLine(inv, $"| {r + 1} | {Cell(runs[r].One)} | {Cell(runs[r].Two)} | {runs[r].One.Wall / runs[r].Two.Wall:F2}× |");
        var (oneWall, twoWall) = (Median(runs.Select(x => x.One.Wall)), Median(runs.Select(x => x.Two.Wall)));
        md.AppendLine(inv, $"| median | {oneWall.TotalSeconds:F1} s | {twoWall.TotalSeconds:F1} s | {oneWall / twoWall:F2}× |");
        // Other processes decide how much of its core a worker gets; the CPU a job costs does not depend on them.
        var (oneCpu, twoCpu) = (Median(runs.Select(x => x.One.CpuSeconds)), Median(runs.Select(x => x.Two.CpuSeconds)));
        md.AppendLine().AppendLine(inv, $"CPU per job, median: {oneCpu / options.Jobs:F2} s with 1 worker, {twoCpu / options.Jobs:F2} s with 2: with a whole core each, 2 workers would finish {2 * oneCpu / twoCpu:F2}× the jobs of one.");
        return md.ToString();
    }

    /// <summary>Starts <paramref name="workers"/> pinned workers on a fresh virtual host and database, drains a warm-up
    /// job per worker, then times <paramref name="jobs"/> jobs.</summary>
    private static async Task<Run> MeasureAsync(RabbitMqServer rabbit, PostgresServer postgres, TempDir dir, string clip, string run, int workers, int jobs)
    {
        var settings = new JobsOptions
        {
            Broker = (await rabbit.NewVirtualHostAsync().ConfigureAwait(false)).AbsoluteUri,
            Database = await postgres.NewDatabaseAsync().ConfigureAwait(false),
            StoragePath = dir.File($"storage-{run}"),
        };
        await using var backend = new JobBackend(settings, "bench");
        var cli = new LipsyncCli(LipsyncCli.BesideThisProgram, Directory.CreateDirectory(dir.File($"tmp-{run}")).FullName);
        var processes = Enumerable.Range(0, workers).Select(core =>
        {
            var info = cli.Start(["worker", "--slots", "1", "--broker", settings.Broker, "--database", settings.Database, "--storage", settings.StoragePath]);
            // One core per worker, as if each had a machine to itself: the ratio then measures the job distribution,
            // not how well one analysis already spreads over the cores.
            info.ArgumentList.Insert(0, info.FileName);
            info.ArgumentList.Insert(0, core.ToString(CultureInfo.InvariantCulture));
            info.ArgumentList.Insert(0, "-c");
            info.FileName = "taskset";
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
            var cpu = processes.Sum(CpuSeconds);
            var watch = Stopwatch.StartNew();
            await DrainAsync(backend, clip, jobs).ConfigureAwait(false);
            return new Run(watch.Elapsed, processes.Sum(CpuSeconds) - cpu, workers);
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

    private static T Median<T>(IEnumerable<T> values)
    {
        var sorted = values.Order().ToList();
        return sorted[sorted.Count / 2];
    }

    /// <summary>CPU seconds used by <paramref name="process"/> and the children it has reaped (its ffmpeg decoders).</summary>
    private static double CpuSeconds(Process process)
    {
        var stat = File.ReadAllText($"/proc/{process.Id}/stat");
        // utime, stime, cutime, cstime: fields 14–17 of proc(5), counted from the state after the name; in USER_HZ (100).
        return stat[(stat.LastIndexOf(')') + 2)..].Split(' ')[11..15].Sum(t => double.Parse(t, CultureInfo.InvariantCulture)) / 100;
    }

    /// <summary>The 1, 5 and 15 min load averages: how busy the machine was with other work.</summary>
    private static string LoadAverage() => string.Join(" / ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3));

    /// <summary>One measured drain: its wall time, the CPU its workers used, and the share of their pinned cores that was.</summary>
    private sealed record Run(TimeSpan Wall, double CpuSeconds, int Workers)
    {
        public double Busy => CpuSeconds / (Wall.TotalSeconds * Workers);
    }
}
