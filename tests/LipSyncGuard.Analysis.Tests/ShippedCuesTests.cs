using LipSyncGuard.Testing;
using Xunit;

namespace LipSyncGuard.Analysis.Tests;

/// <summary>The default verdict as a user gets it (<c>./lipsync analyze samples/</c>): the shipped cue model
/// (<c>models/lipsyncguard-cues.json</c>, made by <c>scripts/train-default.sh</c>). Refitting that breaks the bundled
/// verdicts or the card's operating points fails these.</summary>
public sealed class ShippedCuesTests(ShippedCuesFixture fixture) : IClassFixture<ShippedCuesFixture>
{
    [Fact]
    public void Load_Default_CueModeAtTheBalancedOperatingPoint()
    {
        var cues = fixture.Analyzer.Card.Cues!;

        Assert.Equal(LipSyncAnalyzer.CuesMode, fixture.Analyzer.Card.Mode);
        Assert.Equal(cues.Point("balanced").Manipulated, fixture.Analyzer.Threshold);
        var (strict, balanced, sensitive) = (cues.Point("strict"), cues.Point("balanced"), cues.Point("sensitive"));
        Assert.True(strict.Manipulated >= balanced.Manipulated && balanced.Manipulated >= sensitive.Manipulated);
        Assert.All([strict, balanced, sensitive], p => Assert.True(p.Inconclusive <= p.Manipulated));
        // Set on held-out real sources: the balanced point calls about 5 % of them manipulated.
        Assert.InRange(balanced.RealManipulatedRate, 0.02, 0.08);
        Assert.Contains("held-out", cues.Evaluation, StringComparison.Ordinal);
        Assert.Contains(cues.Heads, h => h.Features.Contains("sync_mismatch"));
    }

    [Fact]
    public async Task AnalyzeAsync_BundledRealSample_NotManipulated()
    {
        var result = await fixture.Analyzer.AnalyzeAsync(fixture.RealSample);

        Assert.True(result.IsReal, $"manipulation {result.ManipulationProbability} ≥ threshold {result.Threshold}");
        Assert.Equal(LipSyncAnalyzer.CuesMode, result.Model.Mode);
        Assert.DoesNotContain(result.Warnings, w => w.StartsWith("sync_only", StringComparison.Ordinal));
        var face = Assert.Single(result.Faces, f => f.Selected);
        Assert.NotNull(face.Evidence);
        Assert.Contains("sync", face.Evidence!.Keys);
        Assert.Contains(face.Timeline, w => w.ManipulationProbability is not null);
    }

    [Fact]
    public async Task AnalyzeAsync_BundledSwappedAudioSample_ManipulatedBySync()
    {
        // The bundled real face with another clip's speech: the audio head must call it, and say so.
        var result = await fixture.Analyzer.AnalyzeAsync(fixture.SwappedSample);

        Assert.True(result.IsFake, $"manipulation {result.ManipulationProbability} < threshold {result.Threshold}");
        var face = Assert.Single(result.Faces, f => f.Selected);
        Assert.Contains("sync", face.Cue, StringComparison.Ordinal);
        // The face's cue names exactly the evidence whose share of the logit is large.
        Assert.All(face.Cue.Split('+'), cue => Assert.True(face.Evidence![cue] >= 1.0, $"{cue}: {face.Evidence[cue]}"));
    }
}

/// <summary>One engine with the default (cue) verdict for the class.</summary>
public sealed class ShippedCuesFixture : IDisposable
{
    public LipSyncAnalyzer Analyzer { get; } = new();

    public string RealSample { get; } = Path.Combine(SharedMedia.RepositoryRoot, "samples", "real_vox2_00015.mp4");

    public string SwappedSample { get; } = Path.Combine(SharedMedia.RepositoryRoot, "samples", "swapped_audio_vox2_00015.mp4");

    public void Dispose() => Analyzer.Dispose();
}
