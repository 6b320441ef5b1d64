using LipSyncGuard.Testing;

namespace LipSyncGuard.Media.Tests;

/// <summary>Clips made with ffmpeg once per test class: nothing binary is committed for them.</summary>
public sealed class GeneratedMedia : IDisposable
{
    private readonly TempDir _dir = new("lsg-media-");

    public GeneratedMedia()
    {
        // 2 s, 64×32: top half red, bottom half blue, so orientation is visible; sine audio at 44.1 kHz stereo.
        Clip = _dir.File("clip.mp4");
        Ffmpeg.Run("-f", "lavfi", "-i", "color=c=blue:s=64x32:r=25:d=2,drawbox=x=0:y=0:w=64:h=16:c=red:t=fill",
            "-f", "lavfi", "-i", "sine=f=440:r=44100:d=2", "-ac", "2", "-c:v", "libx264", "-pix_fmt", "yuv420p", "-c:a", "aac", "-shortest", Clip);
        // The same picture, flagged for display rotated 90° clockwise.
        Rotated = _dir.File("rotated.mp4");
        Ffmpeg.Run("-i", Clip, "-c", "copy", "-metadata:s:v:0", "rotate=90", Rotated);
        AudioOnly = _dir.File("audio-only.m4a");
        Ffmpeg.Run("-f", "lavfi", "-i", "sine=f=440:r=16000:d=1", "-c:a", "aac", AudioOnly);
        VideoOnly = _dir.File("video-only.mp4");
        Ffmpeg.Run("-f", "lavfi", "-i", "testsrc2=s=64x48:r=25:d=1", "-c:v", "libx264", "-pix_fmt", "yuv420p", VideoOnly);
    }

    public string Dir => _dir.Path;

    public string Clip { get; }

    public string Rotated { get; }

    public string AudioOnly { get; }

    public string VideoOnly { get; }

    public void Dispose() => _dir.Dispose();
}
