using System.Globalization;
using System.Text;
using LipSyncGuard.Testing;
using LipSyncGuard.Testing.Reliability;

namespace LipSyncGuard.Bench;

/// <summary>The reliability report: the hostile corpus through the CLI and a real service, seeded mutation fuzzing of the
/// media layer, and a burst of concurrent uploads on loopback; written as markdown to docs/reliability.md.</summary>
internal static class ReliabilityRun
{
    private static readonly TimeSpan PerCase = TimeSpan.FromSeconds(60);

    public static async Task<string> RunAsync(BenchOptions options)
    {
        var inv = CultureInfo.InvariantCulture;
        using var work = new TempDir("lsg-reliability-bench-");
        var sample = Path.Combine(Repository.Root, "samples", "real_vox2_00015.mp4");
        var dll = LipsyncCli.BesideThisProgram;
        var md = new StringBuilder();
        md.AppendLine("# Reliability report").AppendLine();
        md.AppendLine("Re-run (about 2 minutes on 2 cores; the CI-sized version is `dotnet test tests/LipSyncGuard.Reliability.Tests`):").AppendLine();
        md.AppendLine("```").AppendLine($"dotnet run -c Release --project bench/LipSyncGuard.Bench -- reliability --fuzz-cases {options.FuzzCases} --load-clients {options.LoadClients}").AppendLine("```").AppendLine();
        md.AppendLine(inv, $"Measured {DateTime.UtcNow:yyyy-MM-dd} on {Environment.ProcessorCount} cores, {Environment.OSVersion}.").AppendLine();

        // 1. Hostile corpus through both hosts.
        using var corpus = new HostileCorpus(sample);
        var cliTemp = Directory.CreateDirectory(Path.Combine(work.Path, "cli-tmp")).FullName;
        var cli = new LipsyncCli(dll, cliTemp);
        var failures = 0;
        var rows = new StringBuilder();
        await using (var serve = await ServeProcess.StartAsync(dll, Path.Combine(work.Path, "serve"), new Dictionary<string, string> { ["MaxUploadBytes"] = (16L << 20).ToString(inv), ["QueueLimit"] = "64" }).ConfigureAwait(false))
        using (var http = new HttpClient { BaseAddress = serve.BaseAddress, Timeout = Timeout.InfiniteTimeSpan })
        {
            foreach (var c in corpus.Cases)
            {
                var cliRun = await cli.RunAsync(PerCase, "analyze", "--json", c.Path).ConfigureAwait(false);
                using var form = Uploader.Form(await File.ReadAllBytesAsync(c.Path).ConfigureAwait(false), c.UploadName, c.ContentType);
                var httpRun = await Uploader.PostAsync(http, form, PerCase).ConfigureAwait(false);
                var problems = CaseChecks.Check(c, cliRun).Concat(CaseChecks.Check(c, httpRun)).ToList();
                if (ChildProcesses.FfmpegMentioningAfterSettling(corpus.CaseDirectory).Count + ChildProcesses.FfmpegMentioningAfterSettling(serve.UploadDirectory).Count > 0) problems.Add("ffmpeg left running");
                if (Directory.EnumerateFileSystemEntries(serve.UploadDirectory).Any() || TempFolder.Leftovers(serve.TempDirectory).Count + TempFolder.Leftovers(cliTemp).Count > 0) problems.Add("temp file left");
                if (corpus.Canary.WasRead) problems.Add("canary read");
                if (corpus.Trap.Connections > 0) problems.Add("loopback trap contacted");
                if (problems.Count > 0) failures++;
                rows.AppendLine(inv, $"| `{c.Name}` | {c.What} | {c.Expected} | {CaseChecks.Outcome(cliRun)} ({cliRun.Elapsed.TotalSeconds:0.0} s) | {CaseChecks.Outcome(httpRun)} ({httpRun.Elapsed.TotalSeconds:0.0} s) | {(problems.Count == 0 ? "ok" : "**" + string.Join("; ", problems).Replace("|", "/", StringComparison.Ordinal) + "**")} |");
            }
        }
        md.AppendLine("## Hostile inputs").AppendLine();
        md.AppendLine(string.Create(inv, $"{corpus.Cases.Count()} generated cases (`tests/LipSyncGuard.Testing/Reliability/HostileCorpus.cs`), each through `lipsync analyze --json` (a child process, private TMPDIR) and `POST /api/lip-sync` on a real `lipsync serve` on 127.0.0.1, with a {PerCase.TotalSeconds:0} s limit each. ")).AppendLine(
            "After every case: no ffmpeg process mentions the corpus or upload folder, the upload folder and both TMPDIRs are empty, the canary video referenced by the playlists was not read (atime), and the 127.0.0.1 trap port they name got no connection.").AppendLine();
        md.AppendLine(inv, $"**{failures} failing case(s)**; canary read: {corpus.Canary.WasRead}; trap connections: {corpus.Trap.Connections}.").AppendLine();
        md.AppendLine("| case | input | expected | CLI | HTTP | checks |").AppendLine("|---|---|---|---|---|---|").Append(rows).AppendLine();
        md.AppendLine("Upload abuse (413 above the limit, a client that disconnects mid-upload, a body trickled in 8 KB every 150 ms) is covered by `UploadAbuseTests` against the same real service.").AppendLine();

        // 2. Mutation fuzzing.
        var sources = new List<string>();
        var short3 = Path.Combine(work.Path, "src-vox.mp4");
        Ffmpeg.Run("-t", "3", "-i", sample, "-c", "copy", short3);
        var mkv = Path.Combine(work.Path, "src-vox.mkv");
        Ffmpeg.Run("-i", short3, "-c", "copy", mkv);
        sources.AddRange([short3, mkv]);
        var shared = Repository.SharedMedia(options);
        foreach (var rel in new[] { "real/grid_bbaf2n.mpg", "avlips/0_real/0.mp4", "real/sadtalker_aoc.mp4" })
        {
            if (File.Exists(Path.Combine(shared, rel))) sources.Add(Path.Combine(shared, rel));
        }
        var fuzzDir = Directory.CreateDirectory(Path.Combine(work.Path, "fuzz")).FullName;
        var fuzz = await MutationFuzzer.RunAsync(sources, options.FuzzCases, seed: 20240601, TimeSpan.FromSeconds(30), fuzzDir).ConfigureAwait(false);
        md.AppendLine("## Mutation fuzzing").AppendLine();
        md.AppendLine(inv, $"{fuzz.Cases} seeded mutations (seed {fuzz.Seed}; 1–3 of: bit flips, chunk deletion, chunk duplication) of {string.Join(", ", sources.Select(Path.GetFileName))}, each probed and decoded (video + audio) by the media layer with a 30 s limit.").AppendLine();
        md.AppendLine("| read fully | refused (by code) | crashes | hangs | ffmpeg left | slowest file | total |").AppendLine("|---|---|---|---|---|---|---|");
        md.AppendLine(inv, $"| {fuzz.Read} | {string.Join(", ", fuzz.Refused.Select(kv => $"{kv.Key} {kv.Value}"))} | {fuzz.Crashes.Count} | {fuzz.Hangs.Count} | {fuzz.LeftoverProcesses} | {fuzz.Slowest.TotalSeconds:0.00} s | {fuzz.Elapsed.TotalSeconds:0} s |").AppendLine();
        foreach (var line in fuzz.Crashes.Concat(fuzz.Hangs)) md.AppendLine(inv, $"- {line}");

        // 3. Load on loopback.
        var clip = Path.Combine(work.Path, "clip10.mp4");
        Ffmpeg.Run("-stream_loop", "1", "-i", sample, "-t", "10", "-c", "copy", clip);
        LoadReport load;
        int slots;
        int queue;
        await using (var serve = await ServeProcess.StartAsync(dll, Path.Combine(work.Path, "load"), new Dictionary<string, string> { ["RetryAfterSeconds"] = "10" }).ConfigureAwait(false))
        {
            slots = Environment.ProcessorCount;
            queue = 8;
            load = await LoadRunner.RunAsync(serve, await File.ReadAllBytesAsync(clip).ConfigureAwait(false), options.LoadClients, TimeSpan.FromMinutes(5)).ConfigureAwait(false);
        }
        md.AppendLine().AppendLine("## Load on loopback").AppendLine();
        md.AppendLine(inv, $"{load.Clients} uploads of a 10 s 224×224 clip sent at the same moment to `lipsync serve` on 127.0.0.1 with its defaults ({slots} analysis slots, a queue of {queue}).").AppendLine();
        md.AppendLine("| answered 200 | 429 (all with Retry-After) | other | lost | p50 | p95 | p99 | p50 of 200s | RSS before → peak | wall |").AppendLine("|---|---|---|---|---|---|---|---|---|---|");
        md.AppendLine(inv, $"| {load.Ok} | {load.Busy} ({load.Busy - load.BusyWithoutRetryAfter} with Retry-After) | {load.Other.Count} | {load.Lost} | {load.P50Ms:0} ms | {load.P95Ms:0} ms | {load.P99Ms:0} ms | {load.OkP50Ms:0} ms | {load.RssBeforeBytes >> 20} → {load.RssPeakBytes >> 20} MB | {load.Wall.TotalSeconds:0.0} s |").AppendLine();
        md.AppendLine("Latency percentiles are over every answer (fast 429s included); the 200s wait for a slot, so their median shows the queueing cost.").AppendLine();
        md.AppendLine().AppendLine("## Not covered yet").AppendLine().AppendLine("- Crash safety of `train` / `preprocess` (SIGKILL and `--resume`): those commands are not on this branch yet.");

        var report = options.Report ?? Path.Combine(Repository.Root, "docs", "reliability.md");
        await File.WriteAllTextAsync(report, md.ToString()).ConfigureAwait(false);
        return md.ToString();
    }
}
