using System.Globalization;
using System.Text.Json;
using LipSyncGuard.Testing;
using Xunit;

namespace LipSyncGuard.Cli.Tests;

/// <summary><c>lipsync batch</c> on the embedded backend (no broker: this process runs the jobs on its in-process queue
/// and a SQLite file in the storage folder), with the default cue verdict.</summary>
public sealed class BatchCommandTests
{
    [Fact]
    public async Task Batch_OneGoodOnePoisonFile_ExitsThreeAndTheResultIsTheSyncEndpoints()
    {
        using var dir = new TempDir();
        var folder = FolderWithGoodClip(dir);
        await File.WriteAllTextAsync(Path.Combine(folder, "poison.mp4"), "not a video\n");
        var results = dir.File("results.jsonl");

        var batch = await LipsyncProcess.RunAsync(new Dictionary<string, string?> { ["LIPSYNC_WEIGHTS"] = null },
            "batch", folder, "--storage", dir.File("storage"), "--json", results);

        // Like analyze FOLDER with a bad file: 3, not 0 (all good) or 2 (all failed).
        Assert.True(batch.ExitCode == CliApp.SomeFailed, batch.Stdout + batch.Stderr);
        Assert.Contains("error: jobs_failed: 1 of 2 job(s) failed", batch.Stderr, StringComparison.Ordinal);
        var jobs = File.ReadAllLines(results).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal(["failed", "succeeded"], jobs.Select(j => j.GetProperty("state").GetString()).Order());
        // The threshold as /api/v1/lip-sync writes it (4 decimals like the probabilities), not the fitted float.
        var result = jobs.Single(j => j.GetProperty("state").GetString() == "succeeded").GetProperty("result");
        using var cues = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(SharedMedia.RepositoryRoot, "models", "lipsyncguard-cues.json")));
        var balanced = cues.RootElement.GetProperty("OperatingPoints").GetProperty("balanced").GetProperty("Manipulated").GetDouble();
        Assert.Equal(Math.Round(balanced, 4).ToString(CultureInfo.InvariantCulture), result.GetProperty("threshold").GetRawText());
    }

    [Fact]
    public async Task Batch_StrictOperatingPoint_JobsDrawnAtStrictsThreshold()
    {
        using var dir = new TempDir();
        var folder = FolderWithGoodClip(dir);
        var results = dir.File("results.jsonl");

        var batch = await LipsyncProcess.RunAsync(new Dictionary<string, string?> { ["LIPSYNC_WEIGHTS"] = null, ["LIPSYNC_OPERATING_POINT"] = null },
            "batch", folder, "--storage", dir.File("storage"), "--json", results, "--operating-point", "STRICT");

        Assert.True(batch.ExitCode == 0, batch.Stdout + batch.Stderr);
        var result = JsonDocument.Parse(File.ReadAllLines(results).Single()).RootElement.GetProperty("result");
        using var cues = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(SharedMedia.RepositoryRoot, "models", "lipsyncguard-cues.json")));
        var strict = cues.RootElement.GetProperty("OperatingPoints").GetProperty("strict").GetProperty("Manipulated").GetDouble();
        Assert.Equal(Math.Round(strict, 4).ToString(CultureInfo.InvariantCulture), result.GetProperty("threshold").GetRawText());
        Assert.Equal("strict", result.GetProperty("operating_point").GetString());
    }

    [Fact]
    public async Task Batch_UnknownOperatingPoint_OneUsageLineListingTheChoices()
    {
        using var dir = new TempDir();

        var batch = await LipsyncProcess.RunAsync("batch", dir.Path, "--operating-point", "lenient");

        Assert.NotEqual(0, batch.ExitCode);
        Assert.Contains("--operating-point 'lenient' is not a choice: use one of strict, balanced, sensitive", batch.Stderr, StringComparison.Ordinal);
    }

    /// <summary>A folder in <paramref name="dir"/> holding a 2 s cut of the bundled real clip, <c>good.mp4</c>.</summary>
    private static string FolderWithGoodClip(TempDir dir)
    {
        var folder = Directory.CreateDirectory(dir.File("in")).FullName;
        Ffmpeg.Run("-i", Path.Combine(SharedMedia.RepositoryRoot, "samples", "real_vox2_00015.mp4"), "-t", "2", "-c:v", "libx264", "-preset", "ultrafast", "-c:a", "aac",
            Path.Combine(folder, "good.mp4"));
        return folder;
    }
}
