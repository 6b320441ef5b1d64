using LipSyncGuard.Data;
using LipSyncGuard.Detection.Cues;

namespace LipSyncGuard.Training;

/// <summary>The mouth appearance of a self-blended copy of a real face (<see cref="MouthSelfBlend"/>): the frames
/// <see cref="MouthAppearance"/> samples, blended — one recipe for the clip or a new one per frame, at random — and
/// embedded. A pseudo-fake made from every real, so a head can learn blending traces without any generator's fakes.</summary>
public static class SelfBlendedMouths
{
    /// <summary>The appearance of a self-blended copy of <paramref name="track"/> (not measured when the track is too
    /// short for <see cref="MouthAppearance"/>).</summary>
    public static MouthAppearanceStats Measure(PreprocessedTrack track, MouthEmbedder embedder, int seed)
    {
        ArgumentNullException.ThrowIfNull(track);
        ArgumentNullException.ThrowIfNull(embedder);
        var bytes = track.CropBytes;
        var sampled = MouthAppearance.SampleFrames(track.LipValid, Math.Min(track.LipValid.Length, track.Crops.Length / bytes));
        if (sampled.Length == 0) return default;
        var crops = sampled.Select(t => track.Crops.AsSpan(t * bytes, bytes).ToArray()).ToList();
        var random = new Random(seed);
        new MouthSelfBlend(random.Next()).Apply(crops, track.CropSize, perFrame: random.Next(2) == 0);
        var features = crops.Select(c =>
        {
            var f = new float[MouthEmbedder.Dimensions];
            embedder.Embed(c, track.CropSize, f);
            return f;
        }).ToList();
        return MouthAppearance.FromFeatures(features, MouthAppearance.Shapes(track.Lips, PreprocessedTrack.LipWidth, sampled));
    }
}
