using System.Text.Json;
using Json.Schema;
using LipSyncGuard.Detection;
using LipSyncGuard.Model.Networks;
using LipSyncGuard.Testing;
using Xunit;

namespace LipSyncGuard.Analysis.Tests;

/// <summary>The shipped trained detector as a user gets it with <c>--weights models/lipsyncguard-default.safetensors</c>
/// (the default verdict is the cue model: <see cref="ShippedCuesTests"/>). These are tests of the trained weights
/// themselves: retraining that breaks the bundled verdicts fails them.</summary>
public sealed class ShippedDetectorTests(ShippedDetectorFixture fixture) : IClassFixture<ShippedDetectorFixture>
{
    private static string Models => Path.Combine(SharedMedia.RepositoryRoot, "models");

    [Fact]
    public void Card_Shipped_MatchesTheSchema()
    {
        var schema = JsonSchema.FromText(File.ReadAllText(Path.Combine(Models, "model-card.schema.json")));
        using var card = JsonDocument.Parse(File.ReadAllText(Path.Combine(Models, "lipsyncguard-default.json")));

        var result = schema.Evaluate(card.RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List });

        Assert.True(result.IsValid, string.Join("; ", (result.Details ?? []).Where(d => d.Errors is not null)
            .SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Value}"))));
    }

    [Fact]
    public void Load_Shipped_ThresholdIsTheCalibratedOneAndWeightsAreSmall()
    {
        var detector = fixture.Analyzer.Card.Detector!;

        Assert.Equal(LipSyncAnalyzer.ModelMode, fixture.Analyzer.Card.Mode);
        // Trained on crops from a whole-frame search of every frame, so it analyses that way.
        Assert.Equal(1, fixture.Analyzer.KeyFrameEvery);
        Assert.Equal(detector.Calibration!.Threshold, detector.Threshold);
        Assert.Equal(detector.Threshold, fixture.Analyzer.Threshold);
        Assert.Matches("^eer on .*validation", detector.ThresholdMethod);
        Assert.NotNull(detector.Fusion);
        Assert.NotNull(detector.Texture);
        Assert.True(detector.Fusion.TextureWeight > 0, "the fusion must weigh the texture cue it was fitted with");
        Assert.True(detector.Network.SameArchitecture(LipSyncNetOptions.Default));
        Assert.InRange(new FileInfo(ShippedDetectorFixture.Weights).Length, 1, 20L << 20);
        Assert.EndsWith("lipsyncguard-default.sync.json", fixture.Analyzer.Card.Components.Single(c => c.StartsWith("sync measure", StringComparison.Ordinal)), StringComparison.Ordinal);
    }

    [Fact]
    public void Load_Shipped_NoModelWarnings() => Assert.Empty(fixture.Analyzer.ModelWarnings);

    [Fact]
    public async Task AnalyzeAsync_WeightsNeverCalibrated_EveryResultWarnsUncalibratedWeights()
    {
        using var dir = new TempDir();
        // The shipped weights with the card train / finetune write: the default threshold, no calibration, no evaluation.
        var weights = dir.File("fresh.safetensors");
        File.Copy(ShippedDetectorFixture.Weights, weights);
        var shipped = DetectorCard.Load(Path.ChangeExtension(ShippedDetectorFixture.Weights, ".json"));
        (shipped with { Threshold = 0.5, ThresholdMethod = "default", Calibration = null, Evaluations = new Dictionary<string, CardEvaluation>() }).Save(dir.File("fresh.json"));
        var clip = dir.File("clip.mp4");
        Ffmpeg.Run("-i", fixture.RealSample, "-t", "2", "-c:v", "libx264", "-preset", "ultrafast", "-c:a", "aac", clip);
        using var analyzer = new LipSyncAnalyzer(LipSyncAnalyzerOptions.Default with { DetectorPath = weights });

        var result = await analyzer.AnalyzeAsync(clip);

        var warning = Assert.Single(analyzer.ModelWarnings);
        Assert.StartsWith("uncalibrated_weights: the card of fresh.safetensors has no threshold calibrated on held-out videos and no evaluation; verdicts use threshold 0.5 (default)",
            warning, StringComparison.Ordinal);
        Assert.Contains(warning, result.Warnings);
    }

    [Fact]
    public async Task AnalyzeAsync_BundledRealSample_CalledReal()
    {
        var result = await fixture.Analyzer.AnalyzeAsync(fixture.RealSample);

        Assert.True(result.IsReal, $"manipulation {result.ManipulationProbability} ≥ threshold {result.Threshold}");
        Assert.Equal(LipSyncAnalyzer.ModelMode, result.Model.Mode);
        Assert.DoesNotContain(result.Warnings, w => w.StartsWith("sync_only", StringComparison.Ordinal));
        var face = Assert.Single(result.Faces, f => f.Selected);
        Assert.All(face.Timeline.Where(w => w.EndS - w.StartS >= 0.99), w => Assert.NotNull(w.ManipulationProbability));
    }

    [Fact]
    public async Task AnalyzeAsync_BundledFakeSample_CalledFake()
    {
        var result = await fixture.Analyzer.AnalyzeAsync(fixture.FakeSample);

        Assert.True(result.IsFake, $"manipulation {result.ManipulationProbability} < threshold {result.Threshold}");
        Assert.Contains("detector", Assert.Single(result.Faces, f => f.Selected).Cue, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnalyzeAsync_BundledSamples_PaintedMouthHasTheHigherTextureScore()
    {
        var real = Assert.Single((await fixture.Analyzer.AnalyzeAsync(fixture.RealSample)).Faces, f => f.Selected);
        var fake = Assert.Single((await fixture.Analyzer.AnalyzeAsync(fixture.FakeSample)).Faces, f => f.Selected);

        // Wav2Lip-HQ repaints the lower face: its mouth is softer and busier against the cheeks than a real one.
        Assert.True(fake.TextureProbability > real.TextureProbability, $"texture fake {fake.TextureProbability} vs real {real.TextureProbability}");
        Assert.Equal(fake.TextureProbability >= 0.5, fake.Cue.Contains("texture", StringComparison.Ordinal));
        Assert.Equal(real.TextureProbability >= 0.5, real.Cue.Contains("texture", StringComparison.Ordinal));
        // Texture is a property of the whole track: every window of the face says it alike.
        Assert.All(fake.Timeline, w => Assert.Equal(fake.TextureProbability >= 0.5, w.Cue.Contains("texture", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task AnalyzeAsync_CropsBeyondTheMemoryBudget_ScoresEveryWindowAlike()
    {
        using var analyzer = new LipSyncAnalyzer(LipSyncAnalyzerOptions.Default with { DetectorPath = ShippedDetectorFixture.Weights, CropFramesInMemory = 50 });

        var spilled = await analyzer.AnalyzeAsync(fixture.RealSample);
        var held = await fixture.Analyzer.AnalyzeAsync(fixture.RealSample);

        // 50 frames (2 s) in memory, the other 5 s read back from the spill file: the detector still scores every window,
        // and exactly as it does with every crop in memory.
        var timeline = Assert.Single(spilled.Faces, f => f.Selected).Timeline;
        Assert.Equal(Assert.Single(held.Faces, f => f.Selected).Timeline.Select(w => w.ManipulationProbability), timeline.Select(w => w.ManipulationProbability));
        Assert.Contains(timeline, w => w.StartS >= 4 && w.ManipulationProbability is not null);
        Assert.Equal(held.ManipulationProbability, spilled.ManipulationProbability);
        Assert.DoesNotContain(spilled.Warnings, w => w.Contains("partial", StringComparison.Ordinal));
    }
}

/// <summary>One engine with the shipped detector for the class.</summary>
public sealed class ShippedDetectorFixture : IDisposable
{
    public static string Weights { get; } = Path.Combine(SharedMedia.RepositoryRoot, "models", "lipsyncguard-default.safetensors");

    public LipSyncAnalyzer Analyzer { get; } = new(LipSyncAnalyzerOptions.Default with { DetectorPath = Weights });

    public string RealSample { get; } = Path.Combine(SharedMedia.RepositoryRoot, "samples", "real_vox2_00015.mp4");

    public string FakeSample { get; } = Directory.GetFiles(Path.Combine(SharedMedia.RepositoryRoot, "samples"), "fake_*.mp4").Single();

    public void Dispose() => Analyzer.Dispose();
}
