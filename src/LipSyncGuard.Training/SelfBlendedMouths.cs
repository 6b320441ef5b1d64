using LipSyncGuard.Data;
using LipSyncGuard.Detection.Cues;

namespace LipSyncGuard.Training;

/// <summary>A self-blended copy of a real face (<see cref="MouthSelfBlend"/>): every crop of its track blended — one
/// recipe for the clip or a new one per frame, at random — and measured as a face is: its pixel traces (texture,
/// consistency, resampling) and the appearance of the frames <see cref="MouthAppearance"/> samples. A pseudo-fake made
/// from every real, so a head can learn blending traces without any generator's fakes.</summary>
public static class SelfBlendedMouths
{
    /// <summary>The traces of a self-blended copy of <paramref name="track"/>, sync left null (its appearance not
    /// measured when the track is too short for <see cref="MouthAppearance"/>).</summary>
    public static FaceCues Measure(PreprocessedTrack track, MouthEmbedder embedder, int seed)
    {
        ArgumentNullException.ThrowIfNull(track);
        ArgumentNullException.ThrowIfNull(embedder);
        var bytes = track.CropBytes;
        var frames = Math.Min(track.LipValid.Length, track.Crops.Length / bytes);
        var crops = Enumerable.Range(0, frames).Select(t => track.Crops.AsSpan(t * bytes, bytes).ToArray()).ToList();
        var random = new Random(seed);
        new MouthSelfBlend(random.Next()).Apply(crops, track.CropSize, perFrame: random.Next(2) == 0);
        var blended = new byte[frames * bytes];
        for (var t = 0; t < frames; t++) crops[t].CopyTo(blended.AsSpan(t * bytes));
        return FaceCues.Measure(track with { Crops = blended }, null, [embedder]);
    }
}
