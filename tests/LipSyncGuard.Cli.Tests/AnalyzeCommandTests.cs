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

    // The default is the cue verdict; the shipped trained detector is chosen by its weights file.
    public static TheoryData<string[], string> WeightsChoices => new()
    {
        { [], "cues" },
        { ["--weights", Path.Combine(SharedMedia.RepositoryRoot, "models", "lipsyncguard-default.safetensors")], "model" },
        { ["--weights", "none"], "sync-only" },
    };

    [Theory]
    [MemberData(nameof(WeightsChoices))]
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

    [Fact]
    public async Task Analyze_UnknownSelect_OneUsageLineListingTheChoices()
    {
        var result = await LipsyncProcess.RunAsync("analyze", Sample, "--select", "loudest");

        Assert.StartsWith("error: usage: --select 'loudest' is not a choice: use one of longest, largest, first, all", result.UsageErrorLine());
    }

    [Fact]
    public async Task AnalyzeHelp_Choices_LowerCase()
    {
        var result = await LipsyncProcess.RunAsync("analyze", "--help");

        Assert.Contains("--select <longest|largest|first|all>", result.Stdout);
        Assert.Contains("[default: longest]", result.Stdout);
        Assert.DoesNotContain("Longest", result.Stdout);
    }

    [Theory]
    [InlineData("analyze", "/nonexistent/clip.mp4")]
    [InlineData("analyze", "/nonexistent/folder/")]
    public async Task Analyze_MissingInput_NotFoundCode(string command, string path)
    {
        var result = await LipsyncProcess.RunAsync(command, path);

        Assert.StartsWith("error: not_found: ", result.UsageErrorLine());
    }

    [Fact]
    public async Task Analyze_PyTorchWeights_HintsAtSafetensors()
    {
        var result = await LipsyncProcess.RunAsync("analyze", Sample, "--weights", "model.pth");

        Assert.Contains(".safetensors", result.UsageErrorLine());
    }

    [Fact]
    public async Task Analyze_PipedFolderWithABadFile_ExitsThreeWithWideTableAndProgressLines()
    {
        using var dir = new TempDir();
        File.Copy(Sample, dir.File("real.mp4"));
        await File.WriteAllTextAsync(dir.File("bad.mp4"), "not a video\n");

        var result = await LipsyncProcess.RunAsync(new Dictionary<string, string?> { ["COLUMNS"] = null }, "analyze", dir.Path);

        Assert.True(result.ExitCode == 3, result.Stdout + result.Stderr);
        var lines = result.Stdout.Split('\n');
        Assert.All(lines, l => Assert.True(l.Length <= 120, $"{l.Length} columns: {l}"));
        Assert.Contains(lines, l => l.Length > 80);
        Assert.Contains("CONSISTENT WITH THE SPEECH", result.Stdout);
        Assert.Contains(" manipulation ", result.Stdout);
        Assert.DoesNotContain("…", result.Stdout.Replace("0.0–", "", StringComparison.Ordinal));
        Assert.Matches(@"\[2/2\] real\.mp4: \d+%", result.Stderr);
    }

    [Fact]
    public async Task Analyze_ColumnsSet_TableFitsThem()
    {
        var result = await LipsyncProcess.RunAsync(new Dictionary<string, string?> { ["COLUMNS"] = "100" }, "analyze", Sample);

        Assert.True(result.ExitCode == 0, result.Stderr);
        Assert.All(result.Stdout.Split('\n'), l => Assert.True(l.Length <= 100, $"{l.Length} columns: {l}"));
    }
}
