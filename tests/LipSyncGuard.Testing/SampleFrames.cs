namespace LipSyncGuard.Testing;

/// <summary>Square RGB24 crops of the bundled sample videos, decoded by ffmpeg: real pixels for the tests of the pixel
/// cues and encoders.</summary>
public static class SampleFrames
{
    /// <summary>The frame of <c>samples/<paramref name="sample"/></c> at <paramref name="seconds"/>, the face's lower
    /// middle (where the mouth of these face-filling clips is) scaled to <paramref name="size"/>² RGB24.</summary>
    public static byte[] MouthCrop(string sample, double seconds, int size = 96)
    {
        using var dir = new TempDir();
        var raw = Path.Combine(dir.Path, "crop.rgb");
        Ffmpeg.Run("-ss", seconds.ToString("0.###", System.Globalization.CultureInfo.InvariantCulture), "-i", Path.Combine(SharedMedia.RepositoryRoot, "samples", sample),
            "-frames:v", "1", "-vf", $"crop=iw/2:iw/2:iw/4:ih/2-iw/8,scale={size}:{size}", "-f", "rawvideo", "-pix_fmt", "rgb24", raw);
        return File.ReadAllBytes(raw);
    }
}
