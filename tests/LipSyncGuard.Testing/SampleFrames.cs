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

    /// <summary>48 frames cut from four moments of the bundled real face (96² crops of a real mouth), each held three
    /// frames, with six lip values per frame made up (seeded) and every frame trusted.</summary>
    public static (byte[] Crops, float[] Lips, bool[] Valid) RealMouthFrames()
    {
        var moments = new[] { 1.0, 2.0, 3.0, 4.0 }.Select(t => MouthCrop("real_vox2_00015.mp4", t)).ToArray();
        var bytes = moments[0].Length;
        var crops = new byte[48 * bytes];
        for (var t = 0; t < 48; t++) moments[(t / 3) % 4].CopyTo(crops, t * bytes);
        var random = new Random(5);
        var lips = Enumerable.Range(0, 48 * 6).Select(_ => (float)random.NextDouble()).ToArray();
        return (crops, lips, Enumerable.Repeat(true, 48).ToArray());
    }
}
