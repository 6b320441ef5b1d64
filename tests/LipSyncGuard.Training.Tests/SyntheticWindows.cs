using LipSyncGuard.Data;

namespace LipSyncGuard.Training.Tests;

/// <summary>Generated windows where sync is the only signal: a dark mouth opens with a random speech envelope and the
/// log-mel energy follows the same envelope; shifted fakes pair the crops with the envelope of frames ≥ 5 later.</summary>
internal static class SyntheticWindows
{
    public static SampleWindow Make(int seed, int label, int shiftFrames = 0, int frames = 25, int side = 96)
    {
        var random = new Random(seed);
        var total = frames + 40;
        var envelope = new float[total];
        for (var i = 0; i < total; i++) envelope[i] = random.NextSingle() < 0.5f ? 0.1f : 0.9f;
        var crops = new byte[frames * side * side * 3];
        for (var t = 0; t < frames; t++)
        {
            var open = envelope[t] * side * 0.3f;
            for (var y = 0; y < side; y++)
            {
                for (var x = 0; x < side; x++)
                {
                    float dx = (x - (side / 2f)) / (side * 0.3f), dy = (y - (side / 2f)) / Math.Max(1f, open);
                    var value = (dx * dx) + (dy * dy) < 1 ? (byte)30 : (byte)(180 + random.Next(20));
                    var o = (((t * side) + y) * side + x) * 3;
                    crops[o] = value;
                    crops[o + 1] = value;
                    crops[o + 2] = value;
                }
            }
        }
        const int bins = 80;
        var mel = new float[frames * 4 * bins];
        for (var m = 0; m < frames * 4; m++)
        {
            var e = envelope[(m / 4) + shiftFrames];
            for (var b = 0; b < bins; b++) mel[(m * bins) + b] = (e * 4) - 6 + (0.3f * random.NextSingle());
        }
        return new SampleWindow($"synthetic-{seed}.mp4", $"g{seed}", label, label == 0 ? "real" : "shift", 1, 0, frames, side, crops, bins, mel,
            6, new float[frames * 6], Enumerable.Repeat(false, frames).ToArray(), new float[frames], false).Validate();
    }

    /// <summary><paramref name="pairs"/> reals and their shifted fakes (shift 5…12 frames).</summary>
    public static List<SampleWindow> Pairs(int pairs, int seed = 1)
    {
        var list = new List<SampleWindow>();
        for (var i = 0; i < pairs; i++)
        {
            list.Add(Make(seed + i, 0));
            list.Add(Make(seed + i, 1, shiftFrames: 5 + (i % 8)));
        }
        return list;
    }
}
