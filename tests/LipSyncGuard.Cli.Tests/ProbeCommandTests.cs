using System.Text.Json;
using LipSyncGuard.Testing;
using Xunit;

namespace LipSyncGuard.Cli.Tests;

public sealed class ProbeCommandTests
{
    private static string Sample => Path.Combine(SharedMedia.RepositoryRoot, "samples", "real_vox2_00015.mp4");

    [Fact]
    public async Task Probe_BundledSample_PrintsTableAndExitsZero()
    {
        var result = await LipsyncProcess.RunAsync("probe", Sample);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("224x224", result.Stdout);
        Assert.Contains("16000 Hz", result.Stdout);
        Assert.Equal("", result.Stderr);
    }

    [Fact]
    public async Task Probe_Json_IsParsableWithSeconds()
    {
        var result = await LipsyncProcess.RunAsync("probe", "--json", Sample);

        Assert.Equal(0, result.ExitCode);
        using var json = JsonDocument.Parse(result.Stdout);
        Assert.Equal(224, json.RootElement.GetProperty("video").GetProperty("width").GetInt32());
        Assert.InRange(json.RootElement.GetProperty("duration").GetDouble(), 6.9, 7.1);
        Assert.True(json.RootElement.GetProperty("has_audio").GetBoolean());
    }

    [Fact]
    public async Task Probe_MissingFile_ExitsTwoWithOneLine()
    {
        var result = await LipsyncProcess.RunAsync("probe", "/nonexistent/clip.mp4");

        Assert.StartsWith("error: not_found:", result.UsageErrorLine());
    }

    [Fact]
    public async Task Probe_TextNamedMp4_ExitsTwoUnsupported()
    {
        using var dir = new TempDir();
        var path = dir.File("notes.mp4");
        await File.WriteAllTextAsync(path, "not a video\n");

        var result = await LipsyncProcess.RunAsync("probe", path);

        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith("error: unsupported_format:", result.Stderr.Trim());
        Assert.DoesNotContain("   at ", result.Stderr);
    }

    [Fact]
    public async Task Probe_UnknownOption_ExitsTwo()
    {
        var result = await LipsyncProcess.RunAsync("probe", "--no-such-option", Sample);

        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith("error:", result.Stderr.Trim());
    }

    [Fact]
    public async Task Version_Always_PrintsVersion()
    {
        var result = await LipsyncProcess.RunAsync("version");

        Assert.Equal(0, result.ExitCode);
        Assert.Matches(@"^lipsync \d+\.\d+\.\d+", result.Stdout.Trim());
    }
}
