using LipSyncGuard.Model.Networks;
using TorchSharp;
using Xunit;
using static TorchSharp.torch;
using LipSyncGuard.Detection;

namespace LipSyncGuard.Training.Tests;

public sealed class TrainingStepTests
{
    [Fact]
    public void TrainStep_InsideDisposeScope_LeavesNoLiveTensor()
    {
        var windows = SyntheticWindows.Pairs(2);
        using var net = new LipSyncNet(LipSyncNetOptions.Tiny);
        using var optimizer = new Trainer(TrainingOptions.Default).CreateOptimizer(net);
        DisposeScopeManager.Statistics.Reset();
        using (NewDisposeScope())
        {
            using var batch = WindowBatcher.Batch(windows);
            var output = net.forward(batch.Crops, batch.Mel, batch.Lips);
            var loss = nn.functional.binary_cross_entropy_with_logits(output.Logit, batch.Labels);
            optimizer.zero_grad();
            loss.backward();
            optimizer.step();
        }
        Assert.Equal(0, DisposeScopeManager.Statistics.ThreadTotalLiveCount);
    }

    [Fact]
    public void Batch_Windows_ShapesAndRanges()
    {
        var windows = SyntheticWindows.Pairs(2);
        using var scope = NewDisposeScope();
        using var batch = WindowBatcher.Batch(windows);
        Assert.Equal(new long[] { 4, 3, 25, 96, 96 }, batch.Crops.shape);
        Assert.Equal(new long[] { 4, 1, 80, 100 }, batch.Mel.shape);
        Assert.Equal(new long[] { 4, 25, 7 }, batch.Lips.shape);
        Assert.InRange(batch.Crops.max().item<float>(), 0.5f, 1f);
        Assert.Equal(0f, batch.Mel[0].mean().item<float>(), 3);
        Assert.Equal(new float[] { 0, 1, 0, 1 }, batch.Labels.data<float>().ToArray());
    }

    [Fact]
    public void Overfit_SixteenSyncPairs_ReachesNinetyFivePercent()
    {
        random.manual_seed(3);
        var windows = SyntheticWindows.Pairs(8, seed: 100);
        using var net = new LipSyncNet(LipSyncNetOptions.Tiny with { Dropout = 0 });
        using var optimizer = new Trainer(TrainingOptions.Default with { LearningRate = 3e-3, WeightDecay = 0 }).CreateOptimizer(net);
        var accuracy = 0.0;
        for (var step = 0; step < 300 && accuracy < 0.95; step++)
        {
            net.train();
            using (NewDisposeScope())
            {
                using var batch = WindowBatcher.Batch(windows);
                var loss = nn.functional.binary_cross_entropy_with_logits(net.forward(batch.Crops, batch.Mel, batch.Lips).Logit, batch.Labels);
                optimizer.zero_grad();
                loss.backward();
                optimizer.step();
            }
            if (step % 10 == 9)
            {
                var scores = WindowScorer.Score(net, windows);
                accuracy = windows.Select((w, i) => (scores[i] >= 0.5 ? 1 : 0) == w.Label ? 1.0 : 0).Average();
            }
        }
        Assert.True(accuracy >= 0.95, $"train accuracy {accuracy:0.00} after 300 steps");
    }
}
