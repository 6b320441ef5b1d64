using static TorchSharp.torch;

namespace LipSyncGuard.Detection;

/// <summary>A batch of windows as tensors (owned: dispose it, or let the enclosing dispose scope do it).</summary>
/// <param name="Crops">[B, 3, T, H, W] RGB in 0…1.</param>
/// <param name="Mel">[B, 1, F, 4T] log-mel, standardised per window.</param>
/// <param name="Lips">[B, T, 7]: six lip distances (0 where untrusted) and the trusted flag.</param>
/// <param name="Labels">[B] 0 real / 1 fake as floats.</param>
public sealed record WindowBatch(Tensor Crops, Tensor Mel, Tensor Lips, Tensor Labels) : IDisposable
{
    /// <summary>Windows in the batch.</summary>
    public long Count => Labels.shape[0];

    /// <summary>Disposes the tensors.</summary>
    public void Dispose()
    {
        Crops.Dispose();
        Mel.Dispose();
        Lips.Dispose();
        Labels.Dispose();
    }
}
