using LipSyncGuard.Testing;
using Xunit;

namespace LipSyncGuard.Cli.Tests;

public sealed class FitCuesCommandTests
{
    private static string Sample(string name) => Path.Combine(SharedMedia.RepositoryRoot, "samples", name);

    /// <summary>A dataset of the bundled real and lip-sync fake (the bundled clips, read in place).</summary>
    private static string Dataset(TempDir dir)
    {
        File.WriteAllLines(dir.File("manifest.csv"),
        [
            "path,label,group,kind,generator",
            $"{Sample("real_vox2_00015.mp4")},0,vox2_00015,real,-",
            $"{Sample("fake_wav2liphq_haroon.mp4")},1,haroon,lipsync,Wav2Lip",
        ]);
        return dir.Path;
    }

    [Fact]
    public async Task FitCues_ReencodedListMissing_ExitsTwoWithOneLine()
    {
        using var dir = new TempDir();

        var result = await LipsyncProcess.RunAsync("fit-cues", "--data-dir", Dataset(dir), "--reencoded", dir.File("copies.csv"), "--output", dir.File("out"));

        Assert.Contains("--reencoded", result.UsageErrorLine());
        Assert.False(Directory.Exists(dir.File("out")));
    }

    [Fact]
    public async Task FitCues_TooFewRealsForTheFolds_ExitsTwoBeforeFitting()
    {
        using var dir = new TempDir();

        // One real: the fold that holds it leaves none to fit the sync measure on.
        var result = await LipsyncProcess.RunAsync("fit-cues", "--data-dir", Dataset(dir), "--folds", "3", "--cache-dir", dir.File("cache"), "--output", dir.File("out"));

        Assert.True(result.ExitCode == 2, result.Stderr);
        var line = result.UsageErrorLine();
        Assert.Contains("leaves 0 real video(s) with a face to fit on", line);
        Assert.Contains("lower --folds", line);
        Assert.False(Directory.Exists(dir.File("out")));
    }

    /// <summary>A copy, fitted (--reencoded) or audited (--audit), may be of any video, but of one the dataset holds: its
    /// original gives it its label and its fold.</summary>
    [Theory]
    [InlineData("--reencoded")]
    [InlineData("--audit")]
    public async Task FitCues_CopyOfAVideoNotInTheDataset_ExitsTwoNamingTheLine(string option)
    {
        const string original = "swapped_audio_vox2_00015.mp4";
        using var dir = new TempDir();
        var data = Dataset(dir);
        File.WriteAllLines(dir.File("copies.csv"), [$"{Sample("real_vox2_00015.mp4")},{Sample("real_vox2_00015.mp4")}", $"{Sample("swapped_audio_vox2_00015.mp4")},{Sample(original)}"]);

        var result = await LipsyncProcess.RunAsync("fit-cues", "--data-dir", data, option, dir.File("copies.csv"), "--output", dir.File("out"));

        var line = result.UsageErrorLine();
        Assert.Contains($"{option} '", line);
        Assert.Contains("line 2", line);
        Assert.Contains("is not a video of --data-dir", line);
        Assert.False(Directory.Exists(dir.File("out")));
        Assert.True(File.Exists(Sample(original)));
    }
}
