using Xunit;

namespace LipSyncGuard.Analysis.Tests;

/// <summary>Which model a user's --weights names, and how hosts that run analyses side by side share the cores (the mouth
/// encoder's sessions included).</summary>
public sealed class LipSyncAnalyzerOptionsTests
{
    [Fact]
    public void ForConcurrentAnalyses_OnePerCore_OneEncoderSessionEach()
    {
        var options = LipSyncAnalyzerOptions.Default.ForConcurrentAnalyses(Environment.ProcessorCount);

        Assert.Equal(1, options.EncoderSessions);
    }

    [Fact]
    public void ForConcurrentAnalyses_One_EveryCoreUpToTwo()
    {
        var options = LipSyncAnalyzerOptions.Default.ForConcurrentAnalyses(1);

        Assert.Equal(Math.Clamp(Environment.ProcessorCount, 1, 2), options.EncoderSessions);
        Assert.Equal(LipSyncAnalyzerOptions.Default.EncoderSessions, options.EncoderSessions);
    }

    [Fact]
    public void ForConcurrentAnalyses_Zero_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => LipSyncAnalyzerOptions.Default.ForConcurrentAnalyses(0));
    }

    [Theory]
    [InlineData("out/cues/lipsyncguard-cues.json", null, "out/cues/lipsyncguard-cues.json")]
    [InlineData("runs/best.safetensors", "runs/best.safetensors", null)]
    [InlineData("none", "none", null)]
    public void WithWeights_ModelFile_CueVerdictOrDetectorOrNone(string weights, string? detector, string? cues)
    {
        // Whatever was named before (the environment's detector, another cue verdict) gives way to the model named last.
        var options = (LipSyncAnalyzerOptions.Default with { DetectorPath = "env.safetensors", CuesPath = "env.json" }).WithWeights(weights);

        Assert.Equal((detector, cues), (options.DetectorPath, options.CuesPath));
        Assert.Equal(cues, options.ResolveCuesPath());
    }

    [Fact]
    public void WithWeights_Null_KeepsTheShippedVerdict()
    {
        Assert.Same(LipSyncAnalyzerOptions.Default, LipSyncAnalyzerOptions.Default.WithWeights(null));
    }
}
