namespace LipSyncGuard.Detection;

/// <summary>What a run optimises.</summary>
public enum TrainingObjective
{
    /// <summary>Real vs fake on the classifier logit.</summary>
    Detect,

    /// <summary>In sync (label 0) vs out of sync (label 1) on the sync head: self-supervised pretraining.</summary>
    Sync,
}
