using System.Text.Json;
using System.Text.Json.Nodes;
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
    [InlineData(new string[0], "cues")]
    [InlineData(new[] { "--weights", "<repo>/models/lipsyncguard-default.safetensors" }, "model")]
    [InlineData(new[] { "--weights", "none" }, "sync-only")]
    public async Task Analyze_WeightsChoice_ModeInTheJson(string[] weights, string mode)
    {
        var result = await LipsyncProcess.RunAsync(["analyze", Sample, "--json", .. weights.Select(w => w.Replace("<repo>", SharedMedia.RepositoryRoot, StringComparison.Ordinal))]);

        Assert.True(result.ExitCode == 0, result.Stderr);
        using var json = JsonDocument.Parse(result.Stdout);
        Assert.Equal(mode, json.RootElement.GetProperty("model").GetProperty("mode").GetString());
        var face = json.RootElement.GetProperty("faces")[0];
        Assert.All(face.GetProperty("timeline").EnumerateArray(),
            w => Assert.All(w.GetProperty("cue").GetString()!.Split('+'), c => Assert.Contains(c, new[] { "none", "sync", "detector", "texture", "consistency", "resampling" })));
        // The texture cue is the detector card's: a probability with the detector, absent otherwise; cue mode gives each
        // cue's share of its verdict instead.
        Assert.Equal(mode == "model" ? JsonValueKind.Number : JsonValueKind.Null, face.GetProperty("texture_probability").ValueKind);
        Assert.Equal(mode == "cues" ? JsonValueKind.Object : JsonValueKind.Null, face.GetProperty("evidence").ValueKind);
        // The shipped detector's threshold was calibrated on validation videos.
        Assert.DoesNotContain("uncalibrated_weights", result.Stderr + result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Analyze_CueVerdictFittedElsewhere_JudgesWithItAndTheSyncMeasureBesideIt()
    {
        using var dir = new TempDir();
        // A verdict as 'lipsync fit-cues' leaves it in its output folder, with a stricter balanced point than the shipped one.
        var verdict = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(SharedMedia.RepositoryRoot, "models", "lipsyncguard-cues.json")))!.AsObject();
        verdict["OperatingPoints"]!["balanced"]!["Manipulated"] = 0.97;
        verdict["Threshold"] = 0.97;
        await File.WriteAllTextAsync(dir.File("lipsyncguard-cues.json"), verdict.ToJsonString());
        File.Copy(Path.Combine(SharedMedia.RepositoryRoot, "models", "sync-landmarks.json"), dir.File("sync-landmarks.json"));

        var result = await LipsyncProcess.RunAsync("analyze", Sample, "--weights", dir.File("lipsyncguard-cues.json"), "--json");

        Assert.True(result.ExitCode == 0, result.Stderr);
        using var json = JsonDocument.Parse(result.Stdout);
        Assert.Equal("cues", json.RootElement.GetProperty("model").GetProperty("mode").GetString());
        Assert.Equal(0.97, json.RootElement.GetProperty("threshold").GetDouble(), 6);

        Assert.DoesNotContain("sync_measure_not_beside", result.Stderr, StringComparison.Ordinal);

        // Without its sync measure beside it the shipped one stands in, and the user is told so, on stderr and in the JSON.
        File.Delete(dir.File("sync-landmarks.json"));
        var alone = await LipsyncProcess.RunAsync("analyze", Sample, "--weights", dir.File("lipsyncguard-cues.json"), "--json");
        Assert.True(alone.ExitCode == 0, alone.Stderr);
        Assert.Contains("warning: sync_measure_not_beside", alone.Stderr, StringComparison.Ordinal);
        Assert.Contains("sync_measure_not_beside", alone.Stdout, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("verdict.json", "{\"Heads\": []}")]
    [InlineData("weights.safetensors", "not a checkpoint")]
    public async Task Analyze_WeightsNotAModel_ExitsTwoWithInvalidWeights(string name, string content)
    {
        using var dir = new TempDir();
        await File.WriteAllTextAsync(dir.File(name), content);

        var result = await LipsyncProcess.RunAsync("analyze", Sample, "--weights", dir.File(name));

        Assert.StartsWith("error: invalid_weights: --weights", result.UsageErrorLine(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Analyze_WeightsNeverCalibrated_OneWarningLineOnStderrAndInTheJson()
    {
        using var dir = new TempDir();
        // The shipped detector with its card as train / finetune leave it: default threshold, no calibration or evaluation.
        var weights = dir.File("fresh.safetensors");
        File.Copy(Path.Combine(SharedMedia.RepositoryRoot, "models", "lipsyncguard-default.safetensors"), weights);
        var card = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(SharedMedia.RepositoryRoot, "models", "lipsyncguard-default.json")))!.AsObject();
        card["Threshold"] = 0.5;
        card["ThresholdMethod"] = "default";
        card["Calibration"] = null;
        card["Evaluations"] = new JsonObject();
        await File.WriteAllTextAsync(dir.File("fresh.json"), card.ToJsonString());
        var clip = dir.File("clip.mp4");
        Ffmpeg.Run("-i", Sample, "-t", "2", "-c:v", "libx264", "-preset", "ultrafast", "-c:a", "aac", clip);

        var result = await LipsyncProcess.RunAsync("analyze", clip, "--weights", weights, "--json");

        Assert.True(result.ExitCode == 0, result.Stderr);
        var line = Assert.Single(result.Stderr.Split('\n'), l => l.Contains("uncalibrated_weights", StringComparison.Ordinal));
        Assert.StartsWith("warning: uncalibrated_weights: the card of fresh.safetensors has no threshold calibrated on held-out videos and no evaluation", line, StringComparison.Ordinal);
        using var json = JsonDocument.Parse(result.Stdout);
        var warning = Assert.Single(json.RootElement.GetProperty("warnings").EnumerateArray(), w => w.GetString()!.StartsWith("uncalibrated_weights: ", StringComparison.Ordinal));
        Assert.Equal(line["warning: ".Length..], warning.GetString());
    }

    [Theory]
    [InlineData("--select", "loudest", "longest, largest, first, all")]
    [InlineData("--operating-point", "lenient", "strict, balanced, sensitive")]
    public async Task Analyze_UnknownChoice_OneUsageLineListingTheChoices(string option, string value, string choices)
    {
        var result = await LipsyncProcess.RunAsync("analyze", Sample, option, value);

        Assert.StartsWith($"error: usage: {option} '{value}' is not a choice: use one of {choices}", result.UsageErrorLine());
    }

    [Theory]
    [InlineData("analyze", "--key-frame-every", "0", "must be in 1…1000")]
    [InlineData("analyze", "--max-side", "10", "must be in 64…8192")]
    [InlineData("faces", "--threads", "-1", "must be in [0, 256]")]
    public async Task Command_SettingOutOfRange_OneUsageLineNamingTheFlag(string command, string option, string value, string rule)
    {
        var result = await LipsyncProcess.RunAsync(command, Sample, option, value);

        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith($"error: usage: {option}: {value} {rule}", result.UsageErrorLine());
    }

    [Fact]
    public async Task Analyze_SensitiveOperatingPoint_JsonAndReportDrawnAtIt()
    {
        using var dir = new TempDir("lsg-cli-point-");
        var report = dir.File("case.html");
        var swapped = Path.Combine(SharedMedia.RepositoryRoot, "samples", "swapped_audio_vox2_00015.mp4");
        using var card = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(SharedMedia.RepositoryRoot, "models", "lipsyncguard-cues.json")));
        var sensitive = card.RootElement.GetProperty("OperatingPoints").GetProperty("sensitive").GetProperty("Manipulated").GetDouble();

        var result = await LipsyncProcess.RunAsync("analyze", swapped, "--operating-point", "sensitive", "--json", "--report", report);

        Assert.True(result.ExitCode == 0, result.Stderr);
        using var json = JsonDocument.Parse(result.Stdout);
        Assert.Equal("sensitive", json.RootElement.GetProperty("operating_point").GetString());
        Assert.Equal(Math.Round(sensitive, 4), json.RootElement.GetProperty("threshold").GetDouble());
        Assert.Contains(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"operating point sensitive: manipulated at ≥ {sensitive:0.000}"),
            System.Net.WebUtility.HtmlDecode(await File.ReadAllTextAsync(report)), StringComparison.Ordinal);
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
    public async Task Analyze_FileNotAVideo_OneUnsupportedFormatLine()
    {
        // The first file is probed while the models load: its error still comes alone, as the file's.
        using var dir = new TempDir();
        await File.WriteAllTextAsync(dir.File("notes.mp4"), "not a video\n");

        var result = await LipsyncProcess.RunAsync("analyze", dir.File("notes.mp4"));

        Assert.StartsWith("error: unsupported_format: 'notes.mp4'", result.UsageErrorLine(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Analyze_FolderWithABadFileAfterAGoodOne_GoodJudgedBadSkipped()
    {
        // Each file is probed while the one before it is analysed: the bad one's error is still its own.
        using var dir = new TempDir();
        File.Copy(Sample, dir.File("a_real.mp4"));
        await File.WriteAllTextAsync(dir.File("b_bad.mp4"), "not a video\n");

        var result = await LipsyncProcess.RunAsync("analyze", dir.Path, "--json");

        Assert.True(result.ExitCode == 3, result.Stdout + result.Stderr);
        var rows = JsonNode.Parse(result.Stdout)!.AsArray();
        Assert.Equal(["a_real.mp4", "b_bad.mp4"], rows.Select(r => Path.GetFileName((string)r!["file"]!)));
        Assert.NotNull(rows[0]!["result"]);
        Assert.StartsWith("unsupported_format: 'b_bad.mp4'", (string)rows[1]!["error"]!, StringComparison.Ordinal);
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
