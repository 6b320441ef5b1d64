using LipSyncGuard.Model.Networks;
using LipSyncGuard.Testing;
using TorchSharp;
using Xunit;
using static TorchSharp.torch;
using LipSyncGuard.Detection;

namespace LipSyncGuard.Training.Tests;

public sealed class FineTuneTests
{
    private static Tensor[] Snapshot(nn.Module m) => m.parameters().Select(p => p.detach().clone()).ToArray();

    private static bool Same(Tensor[] before, nn.Module m) => before.Zip(m.parameters()).All(x => x.First.allclose(x.Second, 0, 0));

    [Fact]
    public void FineTune_OneFreezeEpoch_FrozenInPhaseOneThenUnfrozenTopDown()
    {
        using var dir = new TempDir();
        var windows = SyntheticWindows.Pairs(4);
        random.manual_seed(5);
        using var net = new LipSyncNet(LipSyncNetOptions.Tiny);
        var options = TrainingOptions.Default with { Epochs = 3, FreezeEpochs = 1, BatchSize = 4, LearningRate = 1e-3, EncoderLearningRate = 1e-2 };
        var stages = net.Visual.Stages;
        var before = stages.Select(Snapshot).ToArray();
        var audioBefore = net.Audio.Stages.Select(Snapshot).ToArray();
        var batchNorm = net.Visual.buffers().Select(b => b.clone()).ToArray();
        var classifier = Snapshot(net.Classifier);
        var run = new TrainingRun(dir.Path, "finetune", "synthetic");

        // Phase 1 only: stop the run once epoch 1 is validated (it is saved before epoch 2 would start).
        using var cts = new CancellationTokenSource();
        var progress = new Inline(p => { if (p.Phase == "validate" && p.Epoch == 1) cts.Cancel(); });
        Assert.Throws<OperationCanceledException>(() => new Trainer(options, progress: progress).Train(net, windows, windows, run, cancellationToken: cts.Token));
        Assert.All(Enumerable.Range(0, 4), i => Assert.True(Same(before[i], stages[i]), $"visual stage {i} changed in phase 1"));
        Assert.All(Enumerable.Range(0, 4), i => Assert.True(Same(audioBefore[i], net.Audio.Stages[i]), $"audio stage {i} changed in phase 1"));
        Assert.True(batchNorm.Zip(net.Visual.buffers()).All(x => x.First.allclose(x.Second, 0, 0)), "frozen batch-norm statistics moved");
        Assert.False(Same(classifier, net.Classifier), "the classifier did not train in phase 1");

        // Phase 2 (resumed): epoch 2 unfreezes the heads, epoch 3 block2; block1 and the front stay frozen.
        new Trainer(options).Train(net, windows, windows, run with { Resume = true });
        var state = TrainingState.Load(run.StatePath);
        Assert.Equal([1, 2, 3], state.History.Select(h => h.Epoch));
        Assert.Equal(8, state.History[0].Frozen.Count);
        Assert.Equal(["visual.block2", "audio.block2", "visual.block1", "audio.block1", "visual.front", "audio.front"], state.History[1].Frozen);
        Assert.Equal(["visual.block1", "audio.block1", "visual.front", "audio.front"], state.History[2].Frozen);
        Assert.False(Same(before[3], stages[3]), "visual head unchanged after phase 2");
        Assert.False(Same(before[2], stages[2]), "visual block2 unchanged after phase 2");
        Assert.True(Same(before[1], stages[1]));
        Assert.True(Same(before[0], stages[0]));
        Assert.False(Same(audioBefore[3], net.Audio.Stages[3]), "audio head unchanged after phase 2");
    }

    [Fact]
    public void CreateOptimizer_TwoGroups_HeadAndEncoderRates()
    {
        using var net = new LipSyncNet(LipSyncNetOptions.Tiny);
        using var optimizer = new Trainer(TrainingOptions.Default with { LearningRate = 1e-4, EncoderLearningRate = 1e-5 }).CreateOptimizer(net);
        var groups = optimizer.ParamGroups.ToList();
        Assert.Equal(2, groups.Count);
        Assert.Equal(1e-4, groups[0].LearningRate, 12);
        Assert.Equal(1e-5, groups[1].LearningRate, 12);
    }

    private sealed class Inline(Action<TrainingProgress> report) : IProgress<TrainingProgress>
    {
        public void Report(TrainingProgress value) => report(value);
    }
}
