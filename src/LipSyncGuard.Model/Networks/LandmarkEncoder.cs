using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace LipSyncGuard.Model.Networks;

/// <summary>Lip kinematics [B, T, F] (six scale-free distances plus a trusted flag) → per-frame embeddings [B, T, L]
/// with two temporal convolutions, so the net also sees the geometric mouth opening the landmark sync measure uses.</summary>
public sealed class LandmarkEncoder : nn.Module<Tensor, Tensor>
{
    private readonly Conv1d conv1;
    private readonly Conv1d conv2;

    /// <summary>Creates the branch for <paramref name="options"/>.</summary>
    public LandmarkEncoder(LipSyncNetOptions options) : base(nameof(LandmarkEncoder))
    {
        ArgumentNullException.ThrowIfNull(options);
        conv1 = nn.Conv1d(options.LipFeatures, options.LipEmbedding, 3, padding: 1);
        conv2 = nn.Conv1d(options.LipEmbedding, options.LipEmbedding, 3, padding: 1);
        RegisterComponents();
    }

    /// <inheritdoc/>
    public override Tensor forward(Tensor input)
    {
        using var scope = NewDisposeScope();
        var x = nn.functional.relu(conv1.forward(input.permute(0, 2, 1)));
        x = nn.functional.relu(conv2.forward(x));
        return x.permute(0, 2, 1).MoveToOuterDisposeScope();
    }
}
