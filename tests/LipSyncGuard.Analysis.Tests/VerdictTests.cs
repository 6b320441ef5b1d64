using Xunit;

namespace LipSyncGuard.Analysis.Tests;

/// <summary>Each reason code on an input that should trigger it, and what it does to the verdict.</summary>
public sealed class VerdictTests(ReasonClips clips) : IClassFixture<ReasonClips>
{
    [Fact]
    public async Task AnalyzeAsync_RealSample_ConsistentWithoutReliabilityReasons()
    {
        var result = await clips.Analyzer.AnalyzeAsync(clips.Sample);

        Assert.Equal(Verdict.Consistent, result.Verdict);
        Assert.True(result.IsReal);
        Assert.DoesNotContain(result.Reasons, r => ReasonCodes.Unreliable.Contains(r.Code) || ReasonCodes.Unseen.Contains(r.Code));
        var face = Assert.Single(result.Faces);
        Assert.Equal(Verdict.Consistent, face.Verdict);
        Assert.InRange(face.MouthPixels!.Value, 25, 60);
        Assert.Equal(result.Video.DurationS, result.Video.AnalysedS, 1);
        Assert.Equal(64, result.File!.Sha256.Length);
        Assert.Equal(new FileInfo(clips.Sample).Length, result.File.SizeBytes);
        Assert.Equal(clips.Analyzer.Threshold, result.Thresholds!.Manipulated);
    }

    [Fact]
    public async Task AnalyzeAsync_MouthTwelvePixelsWide_SmallFaceAndNeverACall()
    {
        var result = await clips.Analyzer.AnalyzeAsync(clips.TinyFace);

        var face = Assert.Single(result.Faces, f => f.Selected);
        Assert.InRange(face.MouthPixels!.Value, 8, 16);
        Assert.Contains(face.Reasons, r => r.Code == ReasonCodes.SmallFace);
        Assert.Contains(face.Verdict, new[] { Verdict.Inconclusive, Verdict.NotJudged });
        Assert.False(result.IsFake);
    }

    [Fact]
    public async Task AnalyzeAsync_OneAndAHalfSeconds_ShortClipInconclusiveAtMost()
    {
        var result = await clips.Analyzer.AnalyzeAsync(clips.ShortClip);

        Assert.Contains(result.Reasons, r => r.Code == ReasonCodes.ShortClip);
        Assert.Contains(result.Verdict, new[] { Verdict.Inconclusive, Verdict.NotJudged });
    }

    [Fact]
    public async Task AnalyzeAsync_VideoAtTheEncodersFloor_HeavyCompression()
    {
        var result = await clips.Analyzer.AnalyzeAsync(clips.Compressed);

        Assert.True(result.Video.BitsPerPixel < 0.01, $"bits per pixel {result.Video.BitsPerPixel}");
        Assert.Contains(result.Reasons, r => r.Code == ReasonCodes.HeavyCompression);
        Assert.Contains(result.Verdict, new[] { Verdict.Inconclusive, Verdict.NotJudged });
    }

    [Fact]
    public async Task AnalyzeAsync_SineToneForAudio_LowSpeechNotJudged()
    {
        var result = await clips.Analyzer.AnalyzeAsync(clips.Tone);

        Assert.Contains(result.Reasons, r => r.Code == ReasonCodes.LowSpeech);
        Assert.Equal(Verdict.NotJudged, result.Verdict);
        Assert.Contains(result.Reasons, r => r.Code == ReasonCodes.NotJudged);
        Assert.False(result.IsFake);
    }

    [Fact]
    public async Task AnalyzeAsync_PianoForAudio_MusicNeverACall()
    {
        var result = await clips.Analyzer.AnalyzeAsync(clips.Music);

        Assert.Contains(result.Reasons, r => r.Code == ReasonCodes.Music);
        Assert.Contains(result.Verdict, new[] { Verdict.Inconclusive, Verdict.NotJudged });
        Assert.All(result.Faces, f => Assert.Contains(f.Verdict, new[] { Verdict.Inconclusive, Verdict.NotJudged }));
        Assert.False(result.IsFake);
    }

    [Fact]
    public async Task AnalyzeAsync_FaststartCutTo30Percent_TruncatedAndNotConsistent()
    {
        var result = await clips.Analyzer.AnalyzeAsync(clips.Truncated);

        Assert.True(result.Video.AnalysedS < 0.5 * result.Video.DurationS, $"analysed {result.Video.AnalysedS} of {result.Video.DurationS} s");
        Assert.Contains(result.Reasons, r => r.Code == ReasonCodes.Truncated);
        Assert.NotEqual(Verdict.Consistent, result.Verdict);
    }

    [Fact]
    public async Task AnalyzeAsync_ProfileBoundBelowTheSamplesYaw_ProfileFaceInconclusive()
    {
        // The sample's speaker is turned a little; a bound below that turn must make the call inconclusive.
        var sample = await clips.Analyzer.AnalyzeAsync(clips.Sample);
        var yaw = Assert.Single(sample.Faces).YawDegrees;
        Assert.InRange(yaw, 5, 55);
        using var strict = new LipSyncAnalyzer(LipSyncAnalyzerOptions.Default with
        {
            DetectorPath = LipSyncAnalyzerOptions.NoDetector,
            Reliability = ReliabilityOptions.Default with { MaxYawDegrees = yaw - 2 },
        });

        var result = await strict.AnalyzeAsync(clips.Sample);

        var face = Assert.Single(result.Faces);
        Assert.Contains(face.Reasons, r => r.Code == ReasonCodes.ProfileFace);
        Assert.Equal(Verdict.Inconclusive, face.Verdict);
        Assert.Equal(Verdict.Inconclusive, result.Verdict);
    }

    [Theory]
    [InlineData(0.30, 0.40, 0.50, Verdict.Consistent)]
    [InlineData(0.45, 0.40, 0.50, Verdict.Inconclusive)]
    [InlineData(0.50, 0.40, 0.50, Verdict.Manipulated)]
    [InlineData(0.49, 0.50, 0.50, Verdict.Consistent)]
    public void Classify_AroundTheBand_ThreeOutcomes(double p, double inconclusive, double manipulated, Verdict expected) =>
        Assert.Equal(expected, new VerdictThresholds(inconclusive, manipulated).Validate().Classify(p));

    [Fact]
    public void Validate_LowerAboveUpper_Throws() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new VerdictThresholds(0.6, 0.5).Validate());

    [Fact]
    public void Weaken_UnreliableOrUnseen_OnlyTheHonestDowngrades()
    {
        Reason[] small = [new(ReasonCodes.SmallFace, "x")];
        Reason[] truncated = [new(ReasonCodes.Truncated, "x")];

        Assert.Equal(Verdict.Inconclusive, ReasonCodes.Weaken(Verdict.Manipulated, small));
        Assert.Equal(Verdict.Inconclusive, ReasonCodes.Weaken(Verdict.Consistent, small));
        Assert.Equal(Verdict.Manipulated, ReasonCodes.Weaken(Verdict.Manipulated, truncated));
        Assert.Equal(Verdict.Inconclusive, ReasonCodes.Weaken(Verdict.Consistent, truncated));
        Assert.Equal(Verdict.NotJudged, ReasonCodes.Weaken(Verdict.NotJudged, small));
    }
}
