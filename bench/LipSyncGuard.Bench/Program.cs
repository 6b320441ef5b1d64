using LipSyncGuard.Bench;

// dotnet run -c Release --project bench/LipSyncGuard.Bench -- [decode] [sync] [--seconds N] [--repeats N] [--media DIR] [--folds K]
var options = BenchOptions.Parse(args);
foreach (var name in options.Benchmarks)
{
    var report = name switch
    {
        "decode" => await DecodeBenchmark.RunAsync(options).ConfigureAwait(false),
        "sync" => await SyncBenchmark.RunAsync(options).ConfigureAwait(false),
        _ => throw new ArgumentException($"unknown benchmark '{name}' (known: decode, sync)"),
    };
    Console.WriteLine(report);
}
