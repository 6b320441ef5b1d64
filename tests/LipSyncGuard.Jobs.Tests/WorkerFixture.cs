using LipSyncGuard.Analysis;
using LipSyncGuard.Testing;
using Xunit;

namespace LipSyncGuard.Jobs.Tests;

/// <summary>One analyzer (sync-only: the worker's logic does not depend on the detector) and a 2 s clip cut from the
/// bundled real sample, shared by the worker tests.</summary>
public sealed class WorkerFixture : IDisposable
{
    private readonly TempDir _dir = new("lsg-worker-media-");

    public WorkerFixture()
    {
        Analyzer = new LipSyncAnalyzer(LipSyncAnalyzerOptions.Default with { DetectorPath = LipSyncAnalyzerOptions.NoDetector });
        ShortClip = _dir.File("short.mp4");
        Ffmpeg.Run("-i", Sample, "-t", "2", "-c:v", "libx264", "-preset", "ultrafast", "-c:a", "aac", ShortClip);
    }

    /// <summary>The bundled 7 s real sample.</summary>
    public static string Sample { get; } = Path.Combine(SharedMedia.RepositoryRoot, "samples", "real_vox2_00015.mp4");

    public LipSyncAnalyzer Analyzer { get; }

    /// <summary>2 s of <see cref="Sample"/>.</summary>
    public string ShortClip { get; }

    public void Dispose()
    {
        Analyzer.Dispose();
        _dir.Dispose();
    }
}
