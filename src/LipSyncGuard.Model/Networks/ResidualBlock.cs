using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace LipSyncGuard.Model.Networks;

/// <summary>A basic 2D residual block (two 3×3 convolutions with batch norm), strided on its first convolution, with a
/// 1×1 projection on the shortcut when the shape changes.</summary>
public sealed class ResidualBlock : nn.Module<Tensor, Tensor>
{
    private readonly Conv2d conv1;
    private readonly BatchNormalization bn1;
    private readonly Conv2d conv2;
    private readonly BatchNormalization bn2;
    private readonly nn.Module<Tensor, Tensor>? shortcut;

    /// <summary>Creates the block from <paramref name="input"/> to <paramref name="output"/> channels, strided by
    /// (<paramref name="strideH"/>, <paramref name="strideW"/>).</summary>
    public ResidualBlock(string name, long input, long output, long strideH, long strideW) : base(name)
    {
        conv1 = nn.Conv2d(input, output, (3, 3), stride: (strideH, strideW), padding: (1, 1), bias: false);
        bn1 = BatchNormalization.TwoD(output);
        conv2 = nn.Conv2d(output, output, (3, 3), padding: (1, 1), bias: false);
        bn2 = BatchNormalization.TwoD(output);
        if (input != output || strideH != 1 || strideW != 1)
            shortcut = nn.Sequential(nn.Conv2d(input, output, (1, 1), stride: (strideH, strideW), bias: false), BatchNormalization.TwoD(output));
        RegisterComponents();
    }

    /// <inheritdoc/>
    public override Tensor forward(Tensor input)
    {
        using var scope = NewDisposeScope();
        var y = nn.functional.relu(bn1.forward(conv1.forward(input)));
        y = bn2.forward(conv2.forward(y));
        var skip = shortcut is null ? input : shortcut.forward(input);
        return nn.functional.relu(y + skip).MoveToOuterDisposeScope();
    }
}
