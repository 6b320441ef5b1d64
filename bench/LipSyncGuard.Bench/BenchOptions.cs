using System.Globalization;

namespace LipSyncGuard.Bench;

/// <summary>Command-line settings of the benchmark runner.</summary>
internal sealed record BenchOptions
{
    public IReadOnlyList<string> Benchmarks { get; init; } = ["decode"];

    public int Seconds { get; init; } = 20;

    public int Repeats { get; init; } = 3;

    public static BenchOptions Parse(string[] args)
    {
        var options = new BenchOptions();
        var names = new List<string>();
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--seconds": options = options with { Seconds = int.Parse(args[++i], CultureInfo.InvariantCulture) }; break;
                case "--repeats": options = options with { Repeats = int.Parse(args[++i], CultureInfo.InvariantCulture) }; break;
                default: names.Add(args[i]); break;
            }
        }
        return names.Count > 0 ? options with { Benchmarks = names } : options;
    }
}
