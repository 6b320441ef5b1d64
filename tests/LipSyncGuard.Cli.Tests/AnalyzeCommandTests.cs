using System.Text.Json;
using LipSyncGuard.Testing;
using Xunit;

namespace LipSyncGuard.Cli.Tests;

public sealed class AnalyzeCommandTests
{
    private static string Sample => Path.Combine(SharedMedia.RepositoryRoot, "samples", "real_vox2_00015.mp4");

    [Fact]
    public async Task Analyze_MissingWeights_ExitsTwoWithOneLine()
    {
        var result = await LipsyncProcess.RunAsync("analyze", Sample, "--weights", "/nonexistent/model.safetensors");

        Assert.Contains("--weights", result.UsageErrorLine());
    }

    [Theory]
    [InlineData(new string[0], "model")]
    [InlineData(new[] { "--weights", "none" }, "sync-only")]
    public async Task Analyze_WeightsChoice_ModeInTheJson(string[] weights, string mode)
    {
        var result = await LipsyncProcess.RunAsync(["analyze", Sample, "--json", .. weights]);

        Assert.True(result.ExitCode == 0, result.Stderr);
        using var json = JsonDocument.Parse(result.Stdout);
        Assert.Equal(mode, json.RootElement.GetProperty("model").GetProperty("mode").GetString());
        var face = json.RootElement.GetProperty("faces")[0];
        Assert.All(face.GetProperty("timeline").EnumerateArray(),
            w => Assert.Contains(w.GetProperty("cue").GetString(), new[] { "none", "sync", "detector", "detector+sync" }));
        // The texture cue is the shipped card's: a probability with the detector, absent in sync-only mode.
        Assert.Equal(mode == "model" ? JsonValueKind.Number : JsonValueKind.Null, face.GetProperty("texture_probability").ValueKind);
    }
}
