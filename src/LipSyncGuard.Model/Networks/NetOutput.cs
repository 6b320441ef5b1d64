using static TorchSharp.torch;

namespace LipSyncGuard.Model.Networks;

/// <summary>What <see cref="LipSyncNet"/> returns for a batch.</summary>
/// <param name="Logit">Fake logit per window [B] (sigmoid → probability of fake).</param>
/// <param name="SyncSimilarity">Per-frame cosine similarity of the visual and audio embeddings [B, T].</param>
/// <param name="SyncLogit">Window sync logit [B] (positive = in sync).</param>
public readonly record struct NetOutput(Tensor Logit, Tensor SyncSimilarity, Tensor SyncLogit);
