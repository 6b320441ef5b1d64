using System.Globalization;

namespace LipSyncGuard.Bench;

/// <summary>Command-line settings of the benchmark runner.</summary>
internal sealed record BenchOptions
{
    public IReadOnlyList<string> Benchmarks { get; init; } = ["decode"];

    public int Seconds { get; init; } = 20;

    public int Repeats { get; init; } = 3;

    /// <summary>The shared media folder (default: ../shared/media beside the repository).</summary>
    public string? Media { get; init; }

    public int Folds { get; init; } = 5;

    /// <summary>Where extracted sync tracks are cached (default: .cache/signals in the repository).</summary>
    public string? CacheDir { get; init; }

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
                case "--media": options = options with { Media = args[++i] }; break;
                case "--folds": options = options with { Folds = int.Parse(args[++i], CultureInfo.InvariantCulture) }; break;
                case "--cache-dir": options = options with { CacheDir = args[++i] }; break;
                default: names.Add(args[i]); break;
            }
        }
        return names.Count > 0 ? options with { Benchmarks = names } : options;
    }
}
