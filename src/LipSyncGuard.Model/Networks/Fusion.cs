using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace LipSyncGuard.Model.Networks;

/// <summary>Joins the streams per frame (visual, audio, landmark embeddings and the sync similarity, concatenated),
/// then a temporal model — two residual temporal convolutions over the window — pooled to one vector [B, W].</summary>
public sealed class Fusion : nn.Module<Tensor, Tensor>
{
    private readonly Linear project;
    private readonly Conv1d temporal1;
    private readonly BatchNormalization norm1;
    private readonly Conv1d temporal2;
    private readonly BatchNormalization norm2;

    /// <summary>Creates the fusion for <paramref name="options"/>.</summary>
    public Fusion(LipSyncNetOptions options) : base(nameof(Fusion))
    {
        ArgumentNullException.ThrowIfNull(options);
        var width = options.FusionWidth;
        project = nn.Linear((2 * options.Embedding) + options.LipEmbedding + 1, width);
        temporal1 = nn.Conv1d(width, width, 3, padding: 1, bias: false);
        norm1 = BatchNormalization.OneD(width);
        temporal2 = nn.Conv1d(width, width, 3, padding: 2, dilation: 2, bias: false);
        norm2 = BatchNormalization.OneD(width);
        RegisterComponents();
    }

    /// <summary>Fuses per-frame features [B, T, 2D + L + 1] into a window vector [B, W].</summary>
    public override Tensor forward(Tensor frames)
    {
        using var scope = NewDisposeScope();
        var x = nn.functional.relu(project.forward(frames)).permute(0, 2, 1);   // [B, W, T]
        x = nn.functional.relu(x + norm1.forward(temporal1.forward(x)));
        x = nn.functional.relu(x + norm2.forward(temporal2.forward(x)));
        // Mean and max over time: a short out-of-sync stretch must not be averaged away.
        return ((x.mean([2]) + x.amax([2])) / 2).MoveToOuterDisposeScope();
    }
}
