namespace LipSyncGuard.Training;

/// <summary>Where a run is, for progress bars.</summary>
/// <param name="Epoch">1-based epoch.</param>
/// <param name="Epochs">Epochs in all.</param>
/// <param name="Batch">Batches done in this epoch.</param>
/// <param name="Batches">Batches per epoch.</param>
/// <param name="Loss">Running mean training loss of the epoch.</param>
/// <param name="Phase"><c>train</c> or <c>validate</c>.</param>
public readonly record struct TrainingProgress(int Epoch, int Epochs, int Batch, int Batches, double Loss, string Phase);
