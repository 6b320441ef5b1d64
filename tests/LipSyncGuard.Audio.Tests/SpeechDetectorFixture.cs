using LipSyncGuard.Testing;

namespace LipSyncGuard.Audio.Tests;

/// <summary>One ONNX session for all speech tests, and clips made with ffmpeg once.</summary>
public sealed class SpeechDetectorFixture : IDisposable
{
    private readonly TempDir _dir = new("lsg-vad-");

    public SpeechDetectorFixture()
    {
        Detector = new SpeechDetector();
        Silence = _dir.File("silence.wav");
        Ffmpeg.Run("-f", "lavfi", "-i", "anullsrc=r=16000:cl=mono", "-t", "3", Silence);
        PinkNoise = _dir.File("pink.wav");
        Ffmpeg.Run("-f", "lavfi", "-i", "anoisesrc=color=pink:r=16000:a=0.3:d=3:s=7", PinkNoise);
        WhiteNoise = _dir.File("white.m4a");
        Ffmpeg.Run("-f", "lavfi", "-i", "anoisesrc=color=white:r=44100:a=0.2:d=3:s=11", "-c:a", "aac", WhiteNoise);
    }

    public SpeechDetector Detector { get; }

    public string Silence { get; }

    public string PinkNoise { get; }

    public string WhiteNoise { get; }

    public void Dispose()
    {
        Detector.Dispose();
        _dir.Dispose();
    }
}
