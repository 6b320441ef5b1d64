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

    /// <summary>Length of the 1080p clip the peak-memory figure is measured on.</summary>
    public int LongSeconds { get; init; } = 120;

    /// <summary>sync-lab: also run the inner folds (variant choice without the held-out fold); off = outer folds only.</summary>
    public bool Nested { get; init; } = true;

    /// <summary>sync-lab: run only the variants whose name contains this.</summary>
    public string? Variants { get; init; }

    /// <summary>Where extracted sync tracks are cached (default: .cache/signals in the repository).</summary>
    public string? CacheDir { get; init; }

    /// <summary>Mutation-fuzzing cases of the reliability run.</summary>
    public int FuzzCases { get; init; } = 300;

    /// <summary>Concurrent uploads of the reliability load run.</summary>
    public int LoadClients { get; init; } = 50;

    /// <summary>jobs: jobs per measured run.</summary>
    public int Jobs { get; init; } = 40;

    /// <summary>Where the reliability run writes its report (default: docs/reliability.md).</summary>
    public string? Report { get; init; }

    /// <summary>profile: the clip to profile.</summary>
    public string? Clip { get; init; }

    /// <summary>profile: the face stage's key-frame cadences to compare (1 = a full-frame search on every frame).</summary>
    public IReadOnlyList<int> KeyFrameEvery { get; init; } = [1, 10];

    /// <summary>metadata-probe: the training dataset (manifest.csv or AVLips layout).</summary>
    public string? Train { get; init; }

    /// <summary>metadata-probe, texture-probe: the test datasets, comma-separated.</summary>
    public string? Test { get; init; }

    /// <summary><see cref="Test"/> split at commas.</summary>
    public IReadOnlyList<string> TestDirectories => Test?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) ?? [];

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
                case "--long-seconds": options = options with { LongSeconds = int.Parse(args[++i], CultureInfo.InvariantCulture) }; break;
                case "--folds": options = options with { Folds = int.Parse(args[++i], CultureInfo.InvariantCulture) }; break;
                case "--fuzz-cases": options = options with { FuzzCases = int.Parse(args[++i], CultureInfo.InvariantCulture) }; break;
                case "--load-clients": options = options with { LoadClients = int.Parse(args[++i], CultureInfo.InvariantCulture) }; break;
                case "--jobs": options = options with { Jobs = int.Parse(args[++i], CultureInfo.InvariantCulture) }; break;
                case "--report": options = options with { Report = args[++i] }; break;
                case "--no-nested": options = options with { Nested = false }; break;
                case "--variants": options = options with { Variants = args[++i] }; break;
                case "--cache-dir": options = options with { CacheDir = args[++i] }; break;
                case "--clip": options = options with { Clip = args[++i] }; break;
                case "--key-frame-every": options = options with { KeyFrameEvery = [.. args[++i].Split(',').Select(k => int.Parse(k, CultureInfo.InvariantCulture))] }; break;
                case "--train": options = options with { Train = args[++i] }; break;
                case "--test": options = options with { Test = args[++i] }; break;
                default: names.Add(args[i]); break;
            }
        }
        return names.Count > 0 ? options with { Benchmarks = names } : options;
    }
}
