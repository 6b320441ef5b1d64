using LipSyncGuard.Testing;

namespace LipSyncGuard.Analysis.Tests;

/// <summary>One sync-only engine for the class (models load once: these tests are about the landmark sync measure,
/// the shipped detector has its own) and clips derived from the bundled real sample.</summary>
public sealed class AnalyzerFixture : IDisposable
{
    private readonly TempDir _dir = new("lsg-analysis-");

    public AnalyzerFixture()
    {
        Analyzer = new LipSyncAnalyzer(LipSyncAnalyzerOptions.Default with { DetectorPath = LipSyncAnalyzerOptions.NoDetector });
        Sample = Path.Combine(SharedMedia.RepositoryRoot, "samples", "real_vox2_00015.mp4");
        // The same clip with its audio 12 frames (0.48 s) late.
        AudioLate = _dir.File("audio-late.mp4");
        Ffmpeg.Run("-i", Sample, "-itsoffset", "0.48", "-i", Sample, "-map", "0:v", "-map", "1:a", "-c:v", "copy", "-c:a", "aac", AudioLate);
        // The same clip with its audio 5 frames (0.2 s) late: a genuine recording's capture offset.
        AudioSlightlyLate = _dir.File("audio-slightly-late.mp4");
        Ffmpeg.Run("-i", Sample, "-itsoffset", "0.2", "-i", Sample, "-map", "0:v", "-map", "1:a", "-c:v", "copy", "-c:a", "aac", AudioSlightlyLate);
        // The same clip with its audio 12 frames early.
        AudioEarly = _dir.File("audio-early.mp4");
        Ffmpeg.Run("-i", Sample, "-ss", "0.48", "-i", Sample, "-map", "0:v", "-map", "1:a", "-c:v", "copy", "-c:a", "aac", AudioEarly);
        // No face: a test pattern with a tone.
        NoFace = _dir.File("no-face.mp4");
        Ffmpeg.Run("-f", "lavfi", "-i", "testsrc2=s=320x240:r=25:d=3", "-f", "lavfi", "-i", "sine=f=300:r=16000:d=3",
            "-c:v", "libx264", "-pix_fmt", "yuv420p", "-c:a", "aac", "-shortest", NoFace);
        // The real face with silent audio.
        Silent = _dir.File("silent.mp4");
        Ffmpeg.Run("-i", Sample, "-f", "lavfi", "-i", "anullsrc=r=16000:cl=mono", "-map", "0:v", "-map", "1:a", "-c:v", "copy", "-c:a", "aac", "-shortest", Silent);
    }

    public LipSyncAnalyzer Analyzer { get; }

    public string Sample { get; }

    public string AudioLate { get; }

    public string AudioEarly { get; }

    public string AudioSlightlyLate { get; }

    public string NoFace { get; }

    public string Silent { get; }

    public string Dir => _dir.Path;

    public void Dispose()
    {
        Analyzer.Dispose();
        _dir.Dispose();
    }
}
