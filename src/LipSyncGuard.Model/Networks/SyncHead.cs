using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace LipSyncGuard.Model.Networks;

/// <summary>Cosine similarity of the visual and audio embeddings per frame [B, T], and a window sync logit
/// (learned scale × mean similarity + bias; positive = in sync) for self-supervised pretraining.</summary>
public sealed class SyncHead : nn.Module<Tensor, Tensor, Tensor>
{
    private readonly Parameter scale;
    private readonly Parameter bias;

    /// <summary>Creates the head; the scale starts at 5 so cosine differences give usable logits from the first step.</summary>
    public SyncHead() : base(nameof(SyncHead))
    {
        scale = nn.Parameter(tensor(5f));
        bias = nn.Parameter(tensor(0f));
        RegisterComponents();
    }

    /// <summary>Per-frame cosine similarity [B, T] of <paramref name="visual"/> and <paramref name="audio"/> [B, T, D].</summary>
    public override Tensor forward(Tensor visual, Tensor audio) => nn.functional.cosine_similarity(visual, audio, 2);

    /// <summary>The window sync logit [B] from per-frame similarities [B, T].</summary>
    public Tensor Logit(Tensor similarity)
    {
        ArgumentNullException.ThrowIfNull(similarity);
        return (similarity.mean([1]) * scale) + bias;
    }
}
