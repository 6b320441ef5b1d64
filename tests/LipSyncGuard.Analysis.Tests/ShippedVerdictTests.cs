using LipSyncGuard.Faces;
using LipSyncGuard.Testing;
using Xunit;

namespace LipSyncGuard.Analysis.Tests;

/// <summary>Verdicts with the shipped detector, as <c>lipsync analyze</c> runs by default: with several faces a face is
/// judged only while it speaks; cues that contradict each other make a call inconclusive; evidence points at moments a
/// person can check.</summary>
public sealed class ShippedVerdictTests(ShippedDetectorFixture fixture) : IClassFixture<ShippedDetectorFixture>
{
    private static readonly AnalysisOptions All = AnalysisOptions.Default with { Selection = TrackSelection.All };

    [SkippableFact]
    public async Task AnalyzeAsync_HamiltonAllFaces_AudienceNotJudgedAndNotManipulated()
    {
        var clip = SharedMedia.Require("faces/short_hamilton_clip.mp4");

        var result = await fixture.Analyzer.AnalyzeAsync(clip, All);

        Assert.NotEqual(Verdict.Manipulated, result.Verdict);
        Assert.False(result.IsFake, string.Join("; ", result.Reasons));
        // The audience cut-away (laughing faces while the singer is off screen) is never scored against the song.
        var audience = result.Faces.Where(f => f.StartS >= 7.8).ToList();
        Assert.NotEmpty(audience);
        Assert.All(audience, f => Assert.Equal(Verdict.NotJudged, f.Verdict));
        Assert.All(audience, f => Assert.Contains(f.Reasons, r => r.Code is ReasonCodes.NotSpeaking or ReasonCodes.SmallFace or ReasonCodes.NotJudged));
        Assert.Contains(result.Warnings, w => w.StartsWith(ReasonCodes.NotJudged + ": face ", StringComparison.Ordinal));
        // The singer is judged.
        Assert.Contains(result.Faces, f => f.Verdict != Verdict.NotJudged && f.StartS < 7.8 && f.EndS > 5);
    }

    [SkippableFact]
    public async Task AnalyzeAsync_DebateTwoSpeakers_EachJudgedOnlyWhileSpeaking()
    {
        var clip = SharedMedia.Require("train/w3_clearvoice_debate_002.avi");

        var result = await fixture.Analyzer.AnalyzeAsync(clip, All);

        var candidates = result.Faces.Where(f => f.DurationS > 4).ToList();
        Assert.Equal(2, candidates.Count);
        Assert.All(candidates, f => Assert.NotEqual(Verdict.NotJudged, f.Verdict));
        // One candidate speaks first, the other from about 2.5 s; neither is judged while the other speaks.
        var first = candidates.MinBy(f => f.Timeline.First(w => w.Judged).StartS)!;
        var second = candidates.Single(f => f != first);
        Assert.All(first.Timeline.Where(w => w.Judged), w => Assert.True(w.EndS <= 3.0, $"face {first.TrackId} judged at {w.StartS}"));
        Assert.All(second.Timeline.Where(w => w.Judged), w => Assert.True(w.StartS >= 1.5, $"face {second.TrackId} judged at {w.StartS}"));
        Assert.Contains(first.Timeline, w => w.NotJudgedReason == ReasonCodes.NotSpeaking && w.StartS >= 3);
        Assert.Contains(second.Timeline, w => w.NotJudgedReason == ReasonCodes.NotSpeaking && w.EndS <= 2);
        Assert.All(candidates, f => Assert.True(f.AnalysedS < f.DurationS - 1));
        Assert.All(candidates, f => Assert.Contains(f.Reasons, r => r.Code == ReasonCodes.PartialCoverage));
        Assert.NotEqual(Verdict.Manipulated, result.Verdict);
    }

    [SkippableFact]
    public async Task AnalyzeAsync_GridClipSyncAndDetectorOpposite_CuesDisagreeInconclusive()
    {
        // A real GRID sentence: the landmark sync measure says the lips do not follow the audio, the detector (which also
        // hears it) says they do; fused, the real speaker would be called manipulated.
        var clip = SharedMedia.Require("real/grid_lrwp9a.mpg");

        var result = await fixture.Analyzer.AnalyzeAsync(clip);

        var face = Assert.Single(result.Faces, f => f.Selected);
        Assert.True(face.SyncScore <= 0.15 && face.DetectorProbability <= 0.2, $"sync {face.SyncScore}, detector {face.DetectorProbability}");
        Assert.Contains(face.Reasons, r => r.Code == ReasonCodes.CuesDisagree);
        Assert.Equal(Verdict.Inconclusive, face.Verdict);
        Assert.False(result.IsFake);
    }

    [Fact]
    public async Task AnalyzeAsync_BundledFake_EvidenceRankedWithMouthStripsAndLipCurve()
    {
        var result = await fixture.Analyzer.AnalyzeAsync(fixture.FakeSample);

        var face = Assert.Single(result.Faces, f => f.Selected);
        Assert.Equal(Verdict.Manipulated, face.Verdict);
        var flagged = face.Flagged;
        Assert.InRange(flagged.Count, 1, 5);
        Assert.Equal(flagged.OrderByDescending(w => w.ManipulationProbability).ToList(), flagged);
        Assert.All(flagged, w => Assert.True(w.ManipulationProbability >= result.Thresholds!.Inconclusive));
        Assert.All(flagged, w => Assert.StartsWith("data:image/png;base64,", w.MouthStrip, StringComparison.Ordinal));
        Assert.All(flagged, w => Assert.False(string.IsNullOrWhiteSpace(w.Check)));
        var png = Convert.FromBase64String(flagged[0].MouthStrip!["data:image/png;base64,".Length..]);
        Assert.Equal("PNG", System.Text.Encoding.ASCII.GetString(png, 1, 3));
        var frames = (int)Math.Round((face.EndS - face.StartS) * 25);
        var lips = face.LipCurve!;
        Assert.Equal(frames, lips.Opening.Count);
        Assert.Equal(frames, lips.Speech.Count);
        Assert.Contains(lips.Opening, o => o > 0.05);
        Assert.NotNull(face.DetectorProbability);
    }
}
