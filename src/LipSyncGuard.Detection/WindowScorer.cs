using LipSyncGuard.Data;
using LipSyncGuard.Model.Networks;
using TorchSharp;
using static TorchSharp.torch;

namespace LipSyncGuard.Detection;

/// <summary>Runs a <see cref="LipSyncNet"/> over 1 s windows: what validation during training and the analysis engine
/// both need, kept apart from the training loop.</summary>
public static class WindowScorer
{
    /// <summary>Probabilities of label 1 for <paramref name="windows"/> (eval mode, no gradients).</summary>
    public static IReadOnlyList<double> Score(LipSyncNet net, IReadOnlyList<SampleWindow> windows, Device? device = null,
        TrainingObjective objective = TrainingObjective.Detect, int batchSize = 16)
    {
        ArgumentNullException.ThrowIfNull(net);
        ArgumentNullException.ThrowIfNull(windows);
        net.eval();
        var scores = new List<double>(windows.Count);
        using var noGrad = no_grad();
        for (var start = 0; start < windows.Count; start += batchSize)
        {
            using var scope = NewDisposeScope();
            using var batch = WindowBatcher.Batch(windows.Skip(start).Take(batchSize).ToList(), device ?? CPU);
            var logit = objective == TrainingObjective.Detect ? net.forward(batch.Crops, batch.Mel, batch.Lips).Logit : -net.forward(batch.Crops, batch.Mel, batch.Lips).SyncLogit;
            scores.AddRange(logit.sigmoid().cpu().to(float64).data<double>().ToArray());
        }
        return scores;
    }
}
