using LipSyncGuard.Detection;
using LipSyncGuard.Model.Networks;
using LipSyncGuard.Testing;
using Xunit;
using static TorchSharp.torch;

namespace LipSyncGuard.Training.Tests;

public sealed class TrainerTests
{
    [Fact]
    public void Train_FromPretrainedWeights_CardNamesThemAndTheDataRelativeWithTheHash()
    {
        using var dir = new TempDir();
        var pretrained = new PretrainedFile("../pretrain/best_model.safetensors", new string('a', 64));
        var run = new TrainingRun(dir.File("weights"), "finetune", dir.File("data"), Pretrained: "best_model.safetensors [lipsyncguard]: 1 matched")
        {
            PretrainedFile = pretrained,
        };
        var windows = SyntheticWindows.Pairs(2);
        random.manual_seed(3);
        using var net = new LipSyncNet(LipSyncNetOptions.Tiny);

        new Trainer(TrainingOptions.Default with { Epochs = 1, BatchSize = 4 }).Train(net, windows, windows, run);

        var card = DetectorCard.Load(run.CardPath);
        Assert.Equal(pretrained, card.PretrainedFile);
        Assert.Equal("../data", card.DataDirectory);
        Assert.DoesNotContain(dir.Path, File.ReadAllText(run.CardPath), StringComparison.Ordinal);
        Assert.False(card.IsCalibrated);
    }
}
