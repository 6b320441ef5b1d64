using LipSyncGuard.Testing;

namespace LipSyncGuard.Analysis.Tests;

/// <summary>Clips made from the bundled real sample that should each trigger one reason, and the sync-only engine that
/// judges them (reasons do not depend on the mode; the sync-only engine loads fast).</summary>
public sealed class ReasonClips : IDisposable
{
    private readonly TempDir _dir = new("lsg-reasons-");

    public ReasonClips()
    {
        Analyzer = new LipSyncAnalyzer(LipSyncAnalyzerOptions.Default with { DetectorPath = LipSyncAnalyzerOptions.NoDetector });
        Sample = Path.Combine(SharedMedia.RepositoryRoot, "samples", "real_vox2_00015.mp4");
        // 224 px → 72 px: the 127 px face box becomes 41 px, its mouth about 12 px wide.
        TinyFace = _dir.File("tiny-face.mp4");
        Ffmpeg.Run("-i", Sample, "-vf", "scale=72:72", "-c:v", "libx264", "-crf", "18", "-c:a", "copy", TinyFace);
        // The first 1.5 s.
        ShortClip = _dir.File("short.mp4");
        Ffmpeg.Run("-i", Sample, "-t", "1.5", "-c:v", "libx264", "-c:a", "aac", ShortClip);
        // Upscaled to 448 px and squeezed to x264's floor (~16 kbit/s of video): about 0.002 video bits per pixel
        // (0.0045 as estimated from the container rate; 224 px would leave the mp4's own overhead dominating the estimate).
        Compressed = _dir.File("compressed.mp4");
        Ffmpeg.Run("-i", Sample, "-vf", "scale=448:448", "-c:v", "libx264", "-b:v", "5k", "-maxrate", "5k", "-bufsize", "10k", "-c:a", "aac", "-b:a", "48k", Compressed);
        // The real face with a 440 Hz tone for its audio.
        Tone = _dir.File("tone.mp4");
        Ffmpeg.Run("-i", Sample, "-f", "lavfi", "-i", "sine=f=440:r=16000", "-map", "0:v", "-map", "1:a", "-c:v", "copy", "-c:a", "aac", "-shortest", Tone);
        // The real face with piano chords for its audio.
        Music = _dir.File("music.mp4");
        Ffmpeg.Run("-i", Sample, "-f", "lavfi", "-i", GeneratedMusic.Source(10), "-map", "0:v", "-map", "1:a", "-c:v", "copy", "-c:a", "aac", "-shortest", Music);
        // A faststart mp4 (index first) cut to 30 % of its bytes: the container still claims the whole duration.
        var faststart = _dir.File("faststart.mp4");
        Ffmpeg.Run("-i", Sample, "-c", "copy", "-movflags", "+faststart", faststart);
        Truncated = _dir.File("truncated.mp4");
        var bytes = File.ReadAllBytes(faststart);
        File.WriteAllBytes(Truncated, bytes[..(int)(bytes.Length * 0.3)]);
    }

    public LipSyncAnalyzer Analyzer { get; }

    public string Sample { get; }

    public string TinyFace { get; }

    public string ShortClip { get; }

    public string Compressed { get; }

    public string Tone { get; }

    public string Music { get; }

    public string Truncated { get; }

    public void Dispose()
    {
        Analyzer.Dispose();
        _dir.Dispose();
    }
}
