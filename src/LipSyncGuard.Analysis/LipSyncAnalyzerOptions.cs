using LipSyncGuard.Sync.Extraction;

namespace LipSyncGuard.Analysis;

/// <summary>What the engine loads: the signal models and the sync measure's coefficients.</summary>
public sealed record LipSyncAnalyzerOptions
{
    /// <summary>The shipped sync coefficients, under <c>models/</c> of the repository or beside the program.</summary>
    public const string DefaultSyncModelFile = "sync-landmarks.json";

    /// <summary>Models from their default places.</summary>
    public static LipSyncAnalyzerOptions Default { get; } = new();

    /// <summary>Face, landmark and speech models and decoding settings.</summary>
    public SignalExtractorOptions Signals { get; init; } = SignalExtractorOptions.Default;

    /// <summary>The fitted sync measure (<c>lipsync fit-sync</c> writes one); null looks in the default places.</summary>
    public string? SyncModelPath { get; init; }

    /// <summary>Options from the environment: <c>LIPSYNC_SYNC_MODEL</c> overrides the sync model path.</summary>
    public static LipSyncAnalyzerOptions FromEnvironment() =>
        Default with { SyncModelPath = Environment.GetEnvironmentVariable("LIPSYNC_SYNC_MODEL") };

    /// <summary>The sync model file to load: the configured path, else <c>models/sync-landmarks.json</c> found above the
    /// program (a source checkout) or beside it (a published build).</summary>
    public string ResolveSyncModelPath()
    {
        if (SyncModelPath is not null) return SyncModelPath;
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "models", DefaultSyncModelFile);
            if (File.Exists(candidate)) return candidate;
        }
        return Path.Combine(AppContext.BaseDirectory, "models", DefaultSyncModelFile);
    }
}
