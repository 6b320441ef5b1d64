using Xunit;

namespace LipSyncGuard.Analysis.Tests;

/// <summary>Hosts that run analyses side by side share the cores between them, the mouth encoder's sessions included.</summary>
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
}
