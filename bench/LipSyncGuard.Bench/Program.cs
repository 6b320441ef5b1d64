using LipSyncGuard.Bench;

// dotnet run -c Release --project bench/LipSyncGuard.Bench -- [decode] [--seconds N] [--repeats N]
var options = BenchOptions.Parse(args);
foreach (var name in options.Benchmarks)
{
    var report = name switch
    {
        "decode" => await DecodeBenchmark.RunAsync(options).ConfigureAwait(false),
        _ => throw new ArgumentException($"unknown benchmark '{name}' (known: decode)"),
    };
    Console.WriteLine(report);
}
