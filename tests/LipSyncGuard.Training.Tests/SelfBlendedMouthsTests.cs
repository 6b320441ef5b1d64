using LipSyncGuard.Data;
using LipSyncGuard.Detection.Cues;
using LipSyncGuard.Testing;
using Xunit;

namespace LipSyncGuard.Training.Tests;

public sealed class SelfBlendedMouthsTests
{
    [Fact]
    public void Measure_RealTrack_PixelTracesMoveLandmarkCuesStay()
    {
        var track = RealTrack();
        var original = (byte[])track.Crops.Clone();
        using var encoder = new MouthEmbedder(Path.Combine(SharedMedia.RepositoryRoot, MouthEmbedder.DefaultDirectory));

        var real = FaceCues.Measure(track, null, [encoder]);
        var blended = SelfBlendedMouths.Measure(track, encoder, seed: 3);

        // Only the mouth's pixels were blended: what the landmarks say is the real's, what the pixels say is not.
        Assert.Equal(real.Jitter, blended.Jitter);
        Assert.Equal(real.Jaw, blended.Jaw);
        Assert.NotEqual(real.Texture, blended.Texture);
        Assert.NotEqual(real.Resampling, blended.Resampling);
        Assert.Equal(MouthAppearance.Frames, blended.Appearance.Frames);
        Assert.NotEqual(real.Appearance.Mean, blended.Appearance.Mean);
        Assert.Null(blended.SyncScore);
        // The real's crops are left as they were, and one seed is one copy.
        Assert.Equal(original, track.Crops);
        Assert.Equal(blended.Texture, SelfBlendedMouths.Measure(track, encoder, seed: 3).Texture);
    }

    /// <summary>The bundled real face's mouth frames as a track (<see cref="SampleFrames.RealMouthFrames"/>).</summary>
    private static PreprocessedTrack RealTrack()
    {
        var (crops, lips, valid) = SampleFrames.RealMouthFrames();
        return new PreprocessedTrack(1, 0, valid.Length, 96, crops, lips, valid, false);
    }
}
