using LipSyncGuard.Analysis;
using LipSyncGuard.Testing;
using Xunit;

namespace LipSyncGuard.Jobs.Tests;

/// <summary>One analyzer (sync-only: the worker's logic does not depend on the detector) and a 2 s clip cut from the
/// bundled real sample, shared by the worker tests; a 42 s loop of it for the tests that must catch a job mid-analysis
/// (the 7 s sample can finish between two polls on a fast machine).</summary>
public sealed class WorkerFixture : IDisposable
{
    private readonly TempDir _dir = new("lsg-worker-media-");

    public WorkerFixture()
    {
        Analyzer = new LipSyncAnalyzer(LipSyncAnalyzerOptions.Default with { DetectorPath = LipSyncAnalyzerOptions.NoDetector });
        ShortClip = _dir.File("short.mp4");
        Ffmpeg.Run("-i", Sample, "-t", "2", "-c:v", "libx264", "-preset", "ultrafast", "-c:a", "aac", ShortClip);
        LongClip = _dir.File("long.mp4");
        Ffmpeg.Run("-stream_loop", "5", "-i", Sample, "-c", "copy", LongClip);
    }

    /// <summary>The bundled 7 s real sample.</summary>
    public static string Sample { get; } = Path.Combine(SharedMedia.RepositoryRoot, "samples", "real_vox2_00015.mp4");

    public LipSyncAnalyzer Analyzer { get; }

    /// <summary>2 s of <see cref="Sample"/>.</summary>
    public string ShortClip { get; }

    /// <summary><see cref="Sample"/> six times over.</summary>
    public string LongClip { get; }

    public void Dispose()
    {
        Analyzer.Dispose();
        _dir.Dispose();
    }
}
