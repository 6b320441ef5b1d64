using LipSyncGuard.Bench;

// dotnet run -c Release --project bench/LipSyncGuard.Bench -- [decode] [sync] [reliability] [model] [--seconds N] [--repeats N] [--media DIR] [--folds K]
//   profile: --clip FILE [--key-frame-every 1,10] (where analyze spends its time, stage by stage)
//   follow: --clip FILE|DIR [--key-frame-every 10] (full-frame face search on every frame vs following between key frames)
//   reliability: [--fuzz-cases 300] [--load-clients 50] [--report docs/reliability.md]
//   metadata-probe: --train DIR --test DIR[,DIR…] (container-metadata-only classifier: the shortcut a model must not learn)
//   jobs: [--jobs 40] [--seconds 2] [--repeats 3] (lipsync worker throughput, 1 vs 2 processes pinned to a core each, on RabbitMQ + PostgreSQL started for the run)
//   texture-probe: --train DIR --test DIR[,DIR…] [--cache-dir .cache/features] (mouth-vs-skin texture cues alone, from cached crops)
var options = BenchOptions.Parse(args);
foreach (var name in options.Benchmarks)
{
    var report = name switch
    {
        "decode" => await DecodeBenchmark.RunAsync(options).ConfigureAwait(false),
        "sync" => await SyncBenchmark.RunAsync(options).ConfigureAwait(false),
        "analyze" => await AnalyzeBenchmark.RunAsync(options).ConfigureAwait(false),
        "profile" => await StageProfile.RunAsync(options).ConfigureAwait(false),
        "follow" => await FollowBenchmark.RunAsync(options).ConfigureAwait(false),
        "sync-lab" => await SyncLab.RunAsync(options, SyncLabVariants.All.Where(v => options.Variants is null || options.Variants.Split(',').Contains(v.Name)).ToList()).ConfigureAwait(false),
        "reliability" => await ReliabilityRun.RunAsync(options).ConfigureAwait(false),
        "model" => await ModelBenchmark.RunAsync(options).ConfigureAwait(false),
        "metadata-probe" => await MetadataProbe.RunAsync(options).ConfigureAwait(false),
        "texture-probe" => await TextureProbe.RunAsync(options).ConfigureAwait(false),
        "jobs" => await JobsBenchmark.RunAsync(options).ConfigureAwait(false),
        _ => throw new ArgumentException($"unknown benchmark '{name}' (known: decode, sync, sync-lab, analyze, profile, follow, reliability, model, metadata-probe, texture-probe, jobs)"),
    };
    Console.WriteLine(report);
}
