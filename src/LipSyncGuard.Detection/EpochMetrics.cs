namespace LipSyncGuard.Detection;

/// <summary>One epoch's numbers.</summary>
/// <param name="Epoch">1-based epoch.</param>
/// <param name="TrainLoss">Mean training loss.</param>
/// <param name="TrainAccuracy">Training accuracy at 0.5.</param>
/// <param name="ValidationLoss">Mean validation loss.</param>
/// <param name="ValidationAccuracy">Validation accuracy at 0.5.</param>
/// <param name="ValidationAuc">Validation AUC (NaN when validation holds one class only).</param>
/// <param name="LearningRate">Head learning rate during the epoch.</param>
/// <param name="EncoderLearningRate">Encoder learning rate during the epoch.</param>
/// <param name="Seconds">Wall time of the epoch.</param>
/// <param name="Frozen">Encoder stages frozen during the epoch.</param>
public sealed record EpochMetrics(
    int Epoch, double TrainLoss, double TrainAccuracy, double ValidationLoss, double ValidationAccuracy, double ValidationAuc,
    double LearningRate, double EncoderLearningRate, double Seconds, IReadOnlyList<string> Frozen);
