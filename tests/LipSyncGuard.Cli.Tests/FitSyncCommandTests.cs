using System.Text.Json;
using LipSyncGuard.Testing;
using Xunit;

namespace LipSyncGuard.Cli.Tests;

public sealed class FitSyncCommandTests
{
    private static string Samples => Path.Combine(SharedMedia.RepositoryRoot, "samples");

    [Fact]
    public async Task FitSync_NegativeHiddenUnits_ExitsTwoWithOneLine()
    {
        var result = await LipsyncProcess.RunAsync("fit-sync", "--data-dir", Samples, "--hidden-units", "-1");

        Assert.Contains("--hidden-units", result.UsageErrorLine());
    }

    [Fact]
    public async Task FitSync_BundledSamplesWithHiddenUnits_WritesALoadableModel()
    {
        using var dir = new TempDir();
        var output = dir.File("sync.json");

        var result = await LipsyncProcess.RunAsync("fit-sync", "--data-dir", Samples, "--hidden-units", "32", "--output", output, "--cache-dir", dir.File("cache"));

        Assert.Equal(0, result.ExitCode);
        using var json = JsonDocument.Parse(await File.ReadAllTextAsync(output));
        var options = json.RootElement.GetProperty("options");
        Assert.Equal(32, options.GetProperty("hidden_units").GetInt32());
        var contextWidth = (2 * options.GetProperty("context_frames").GetInt32() + 1) * json.RootElement.GetProperty("audio_width").GetInt32();
        Assert.Equal((contextWidth + 32) * json.RootElement.GetProperty("lip_width").GetInt32(), json.RootElement.GetProperty("weights").GetArrayLength());
        Assert.Contains("3 real videos", json.RootElement.GetProperty("provenance").GetString());
    }
}
