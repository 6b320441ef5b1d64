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
        Assert.Contains(cues.Heads, h => h.Features.Any(f => f.StartsWith("sync_", StringComparison.Ordinal)));
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
    public async Task AnalyzeAsync_BundledRealSample_ThresholdAtTheProbabilitiesPrecision()
    {
        var result = await fixture.Analyzer.AnalyzeAsync(fixture.RealSample);

        // The operating point is a fitted float; every host (CLI --json, /api/v1/lip-sync, stored job results) writes
        // the result's, so the engine gives it at the probabilities' 4 decimals.
        Assert.NotEqual(Math.Round(fixture.Analyzer.Threshold, 4), fixture.Analyzer.Threshold);
        Assert.Equal(Math.Round(fixture.Analyzer.Threshold, 4), result.Threshold);
        Assert.Equal(Math.Round(result.ManipulationProbability, 4), result.ManipulationProbability);
    }

    [Fact]
    public async Task AnalyzeAsync_BundledSwappedAudioSample_FlaggedBySync()
    {
        // The bundled real face with another clip's speech: not called consistent, and the sync evidence is what moves it
        // (at the balanced point about half of such swaps from unseen sources reach "manipulated": docs/protocol.md).
        var result = await fixture.Analyzer.AnalyzeAsync(fixture.SwappedSample);
        var real = await fixture.Analyzer.AnalyzeAsync(fixture.RealSample);

        Assert.NotEqual(Verdict.Consistent, result.Verdict);
        var face = Assert.Single(result.Faces, f => f.Selected).Evidence!;
        var realFace = Assert.Single(real.Faces, f => f.Selected).Evidence!;
        // Same pixels, other audio: the trace cues are unchanged, the sync evidence moved the verdict.
        Assert.True(face["sync"] - realFace["sync"] >= 3, $"sync evidence {face["sync"]} vs {realFace["sync"]} on the real clip");
        Assert.All(face.Keys.Where(k => k != "sync"), k => Assert.Equal(realFace[k], face[k], 3));
        Assert.True(result.ManipulationProbability > real.ManipulationProbability + 0.2, $"swapped {result.ManipulationProbability}, real {real.ManipulationProbability}");
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
