using System.Security.Cryptography;
using LipSyncGuard.Detection;
using LipSyncGuard.Model.Checkpoints;
using LipSyncGuard.Model.Networks;
using LipSyncGuard.Testing;
using LipSyncGuard.Training;
using Xunit;

namespace LipSyncGuard.Cli.Tests;

[Collection(AvLipsCacheFixture.Collection)]
public sealed class FineTuneCommandTests(AvLipsCacheFixture avlips)
{
    [Fact]
    public async Task FineTune_PretrainedInTheDefaultOutput_RefusesToOverwriteIt()
    {
        var result = await LipsyncProcess.RunAsync("finetune", "--data-dir", "/nonexistent", "--pretrained", "weights/best_model.safetensors");

        var line = result.UsageErrorLine();
        Assert.StartsWith("error: usage: --pretrained 'weights/best_model.safetensors' lies in the output folder 'weights'", line);
        Assert.Contains("--output", line);
    }

    [Fact]
    public async Task FineTune_OutputNamedExplicitly_GoesOnToTheData()
    {
        var result = await LipsyncProcess.RunAsync("finetune", "--data-dir", "/nonexistent", "--pretrained", "weights/best_model.safetensors", "--output", "weights");

        Assert.StartsWith("error: not_found: --data-dir '/nonexistent'", result.UsageErrorLine());
    }

    [SkippableFact]
    public async Task FineTune_TinyPretrained_CardRecordsItsRelativePathAndSha256()
    {
        SharedMedia.Require("avlips");
        using var dir = new TempDir();
        var pretrained = dir.File(Path.Combine("pretrain", "best_model.safetensors"));
        Directory.CreateDirectory(Path.GetDirectoryName(pretrained)!);
        using (var net = new LipSyncNet(LipSyncNetOptions.Tiny)) ModelCheckpoint.Save(net, pretrained);
        var output = dir.File("weights");

        var result = await LipsyncProcess.RunAsync("finetune", "--data-dir", avlips.DataDirectory!, "--cache-dir", avlips.CacheDirectory, "--pretrained", pretrained,
            "--output", output, "--epochs", "1", "--freeze-epochs", "0", "--batch-size", "8", "--seed", "3", "--windows-per-video", "3");

        Assert.True(result.ExitCode == 0, result.Stdout + result.Stderr);
        var card = DetectorCard.Load(new TrainingRun(output, "finetune", avlips.DataDirectory!).CardPath);
        Assert.Equal("../pretrain/best_model.safetensors", card.PretrainedFile!.Path);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(pretrained))), card.PretrainedFile.Sha256);
        Assert.StartsWith("best_model.safetensors [lipsyncguard]", card.Pretrained, StringComparison.Ordinal);
        Assert.False(Path.IsPathRooted(card.DataDirectory), card.DataDirectory);
        Assert.Equal(Path.GetFullPath(avlips.DataDirectory!), Path.GetFullPath(Path.Combine(output, card.DataDirectory)));
    }
}
