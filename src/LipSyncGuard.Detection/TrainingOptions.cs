using LipSyncGuard.Data;

namespace LipSyncGuard.Detection;

/// <summary>Settings of a training run (the <c>train</c>, <c>finetune</c> and <c>pretrain-sync</c> flags).</summary>
public sealed record TrainingOptions
{
    /// <summary>50 epochs, batch 8, Adam at 1e-3, plateau factor 0.5 / patience 3, seed 42.</summary>
    public static TrainingOptions Default { get; } = new();

    /// <summary>Epochs in all (including any frozen phase).</summary>
    public int Epochs { get; init; } = 50;

    /// <summary>Windows per batch.</summary>
    public int BatchSize { get; init; } = 8;

    /// <summary>Learning rate of the fusion, classifier, landmark branch and sync head.</summary>
    public double LearningRate { get; init; } = 1e-3;

    /// <summary>Learning rate of the two encoders (null: <see cref="LearningRate"/>).</summary>
    public double? EncoderLearningRate { get; init; }

    /// <summary>Adam weight decay.</summary>
    public double WeightDecay { get; init; } = 1e-4;

    /// <summary>Batches whose gradients are summed before one optimizer step.</summary>
    public int Accumulate { get; init; } = 1;

    /// <summary>Ask for half precision (see the trainer for what this TorchSharp build supports).</summary>
    public bool Half { get; init; }

    /// <summary>Seed of the initial weights, shuffling and dropout.</summary>
    public int Seed { get; init; } = 42;

    /// <summary>ReduceLROnPlateau factor.</summary>
    public double PlateauFactor { get; init; } = 0.5;

    /// <summary>ReduceLROnPlateau patience (epochs without validation-loss improvement).</summary>
    public int PlateauPatience { get; init; } = 3;

    /// <summary>Encoders frozen for this many first epochs, then unfrozen top-down one stage per epoch (0: never frozen).</summary>
    public int FreezeEpochs { get; init; }

    /// <summary>The objective.</summary>
    public TrainingObjective Objective { get; init; } = TrainingObjective.Detect;

    /// <summary>Write loss/accuracy PNG curves after each epoch.</summary>
    public bool Plot { get; init; }

    /// <summary>Train-split augmentation, drawn afresh every epoch (seeded by <see cref="Seed"/> and the epoch); null: none.
    /// Validation windows are never augmented.</summary>
    public AugmentationOptions? Augmentation { get; init; }

    /// <summary>The learning rate the encoders get.</summary>
    public double EffectiveEncoderLearningRate => EncoderLearningRate ?? LearningRate;

    /// <summary>Add audio-mismatch fakes made from the real windows (<see cref="AudioNegatives"/>: own audio shifted
    /// 0.32–1 s, another group's audio swapped in), on each split side separately.</summary>
    public bool AudioNegatives { get; init; }

    /// <summary>Weigh the loss so real and fake windows count equally (the mix is usually fake-heavy).</summary>
    public bool BalanceClasses { get; init; }

    /// <summary>Throws when a setting is out of range.</summary>
    public TrainingOptions Validate()
    {
        if (Epochs is < 1 or > 100_000) throw new ArgumentOutOfRangeException(nameof(Epochs), Epochs, "must be in 1…100000");
        if (BatchSize is < 1 or > 4096) throw new ArgumentOutOfRangeException(nameof(BatchSize), BatchSize, "must be in 1…4096");
        if (!(LearningRate is > 0 and < 10)) throw new ArgumentOutOfRangeException(nameof(LearningRate), LearningRate, "must be in (0, 10)");
        if (EncoderLearningRate is { } e && !(e is > 0 and < 10)) throw new ArgumentOutOfRangeException(nameof(EncoderLearningRate), e, "must be in (0, 10)");
        if (WeightDecay is < 0 or > 1) throw new ArgumentOutOfRangeException(nameof(WeightDecay), WeightDecay, "must be in [0, 1]");
        if (Accumulate is < 1 or > 1024) throw new ArgumentOutOfRangeException(nameof(Accumulate), Accumulate, "must be in 1…1024");
        if (!(PlateauFactor is > 0 and < 1)) throw new ArgumentOutOfRangeException(nameof(PlateauFactor), PlateauFactor, "must be in (0, 1)");
        if (PlateauPatience is < 0 or > 1000) throw new ArgumentOutOfRangeException(nameof(PlateauPatience), PlateauPatience, "must be in 0…1000");
        if (FreezeEpochs < 0 || FreezeEpochs >= Epochs)
            throw new ArgumentOutOfRangeException(nameof(FreezeEpochs), FreezeEpochs, $"must be in 0…{Epochs - 1} (fewer than --epochs)");
        Augmentation?.Validate();
        return this;
    }
}
