using LipSyncGuard.Model.Networks;
using static TorchSharp.torch;

namespace LipSyncGuard.Training;

/// <summary>Two-phase fine-tuning: encoders frozen for <see cref="FreezeEpochs"/> epochs, then unfrozen from the top
/// down, one stage level (visual and audio together) per epoch: heads, block2, block1, front.</summary>
public sealed class FreezeSchedule
{
    private static readonly string[] LevelNames = ["head", "block2", "block1", "front"];

    /// <summary>Creates the schedule.</summary>
    public FreezeSchedule(int freezeEpochs)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(freezeEpochs);
        FreezeEpochs = freezeEpochs;
    }

    /// <summary>Epochs with all encoder stages frozen.</summary>
    public int FreezeEpochs { get; }

    /// <summary>Stage levels, top-down, in unfreezing order.</summary>
    public static IReadOnlyList<string> Levels => LevelNames;

    /// <summary>Names of the encoder stages frozen in <paramref name="epoch"/> (1-based), e.g. <c>visual.front</c>.</summary>
    public IReadOnlyList<string> FrozenNames(int epoch)
    {
        if (FreezeEpochs == 0) return [];
        var unfrozen = Math.Clamp(epoch - FreezeEpochs, 0, LevelNames.Length);
        return LevelNames.Skip(unfrozen).SelectMany(l => new[] { $"visual.{l}", $"audio.{l}" }).ToList();
    }

    /// <summary>The encoder stage modules frozen in <paramref name="epoch"/>.</summary>
    public IReadOnlyList<nn.Module> Frozen(LipSyncNet net, int epoch)
    {
        ArgumentNullException.ThrowIfNull(net);
        if (FreezeEpochs == 0) return [];
        var unfrozen = Math.Clamp(epoch - FreezeEpochs, 0, LevelNames.Length);
        var frozen = new List<nn.Module>();
        // Stages are listed bottom-up; level k from the top is index Count-1-k.
        for (var level = unfrozen; level < LevelNames.Length; level++)
        {
            frozen.Add(net.Visual.Stages[net.Visual.Stages.Count - 1 - level]);
            frozen.Add(net.Audio.Stages[net.Audio.Stages.Count - 1 - level]);
        }
        return frozen;
    }

    /// <summary>The schedule as lines for the log, over <paramref name="epochs"/> epochs.</summary>
    public IReadOnlyList<string> Describe(int epochs)
    {
        if (FreezeEpochs == 0) return ["no freezing: every module trains from epoch 1"];
        var lines = new List<string> { $"epochs 1–{FreezeEpochs}: encoders frozen (no gradients, norm layers in eval mode); fusion + classifier train at --lr" };
        for (var k = 0; k < LevelNames.Length && FreezeEpochs + 1 + k <= epochs; k++)
            lines.Add($"epoch {FreezeEpochs + 1 + k}: unfreeze visual.{LevelNames[k]} + audio.{LevelNames[k]} (at --lr-encoder)");
        return lines;
    }
}
