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
    public async Task FitCues_CopyOfAFake_ExitsTwoNamingTheLine()
    {
        using var dir = new TempDir();
        var data = Dataset(dir);
        // A copy must be of a real: a re-encoded fake fitted as a real would teach the heads that fakes are real.
        File.WriteAllLines(dir.File("copies.csv"), [$"{Sample("real_vox2_00015.mp4")},{Sample("real_vox2_00015.mp4")}", $"{Sample("swapped_audio_vox2_00015.mp4")},{Sample("fake_wav2liphq_haroon.mp4")}"]);

        var result = await LipsyncProcess.RunAsync("fit-cues", "--data-dir", data, "--reencoded", dir.File("copies.csv"), "--output", dir.File("out"));

        var line = result.UsageErrorLine();
        Assert.Contains("line 2", line);
        Assert.Contains("is not a real video of --data-dir", line);
        Assert.True(File.Exists(Sample("fake_wav2liphq_haroon.mp4")));
    }
}
