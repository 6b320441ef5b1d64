using System.Text.Json;
using LipSyncGuard.Testing;
using Xunit;

namespace LipSyncGuard.Cli.Tests;

public sealed class LipsCommandTests
{
    private static string Sample => Path.Combine(SharedMedia.RepositoryRoot, "samples", "real_vox2_00015.mp4");

    [Fact]
    public async Task Lips_JsonAndPlot_SeriesWithTheJawBesideTheLips()
    {
        using var dir = new TempDir();
        var plot = dir.File("lips.png");

        var result = await LipsyncProcess.RunAsync("lips", "--json", "--plot", plot, Sample);

        Assert.Equal(0, result.ExitCode);
        using var json = JsonDocument.Parse(result.Stdout);
        var series = json.RootElement.GetProperty("series");
        var lips = series.GetProperty("inner_aperture").EnumerateArray().ToList();
        var chin = series.GetProperty("chin_to_nose").EnumerateArray().ToList();
        Assert.Equal(series.GetProperty("time_s").GetArrayLength(), chin.Count);
        // Both come from the same trusted frames; the chin sits about one eye distance below the nose.
        Assert.Equal(lips.Select(v => v.ValueKind), chin.Select(v => v.ValueKind));
        Assert.All(chin.Where(v => v.ValueKind == JsonValueKind.Number), v => Assert.InRange(v.GetDouble(), 0.5, 2.0));
        // A filmed speaker: the jaw carries part of the opening (docs/training.md, "Stop 33").
        Assert.InRange(json.RootElement.GetProperty("jaw_follow").GetDouble(), 0.3, 1.5);
        Assert.True(new FileInfo(plot).Length > 10_000, "plot written");
    }

    [Fact]
    public async Task Lips_Table_SaysHowFarTheJawFollows()
    {
        var result = await LipsyncProcess.RunAsync("lips", Sample);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("jaw follows the lips", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("AV offset", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Lips_PlotNotPng_ExitsTwoWithOneLine()
    {
        var result = await LipsyncProcess.RunAsync("lips", "--plot", "lips.jpg", Sample);

        Assert.StartsWith("error: usage:", result.UsageErrorLine());
    }
}
