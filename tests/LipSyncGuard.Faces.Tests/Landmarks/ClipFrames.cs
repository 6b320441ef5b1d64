using LipSyncGuard.Testing;

namespace LipSyncGuard.Faces.Tests.Landmarks;

/// <summary>All frames of a small shared clip as packed RGB24 (ffmpeg rawvideo), for per-track tests.</summary>
public sealed record ClipFrames(int Width, int Height, IReadOnlyList<byte[]> Frames)
{
    public static ClipFrames Load(string clip, int width, int height)
    {
        var path = SharedMedia.Require(clip);
        using var dir = new TempDir("lsg-landmarks-");
        var raw = dir.File("frames.rgb");
        Ffmpeg.Run("-i", path, "-f", "rawvideo", "-pix_fmt", "rgb24", raw);
        var bytes = File.ReadAllBytes(raw);
        var size = width * height * 3;
        if (bytes.Length % size != 0) throw new InvalidDataException($"{clip}: {bytes.Length} bytes is not a whole number of {width}×{height} frames");
        var frames = new List<byte[]>();
        for (var o = 0; o < bytes.Length; o += size) frames.Add(bytes[o..(o + size)]);
        return new ClipFrames(width, height, frames);
    }
}
