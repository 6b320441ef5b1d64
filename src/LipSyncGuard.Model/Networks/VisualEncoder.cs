using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace LipSyncGuard.Model.Networks;

/// <summary>Mouth crops [B, 3, T, H, W] (RGB in 0…1) → per-frame embeddings [B, T, D]: grey and pooled to
/// <see cref="LipSyncNetOptions.InputSize"/>, a k×5×5 3D convolution (lip-reading style: it sees motion over k frames, <see cref="LipSyncNetOptions.VisualTemporalKernel"/>),
/// then a light 2D residual trunk per frame and a linear head.</summary>
public sealed class VisualEncoder : nn.Module<Tensor, Tensor>
{
    private readonly int inputSize;
    private readonly Sequential front;
    private readonly ResidualBlock block1;
    private readonly ResidualBlock block2;
    private readonly Linear head;

    /// <summary>Creates the encoder for <paramref name="options"/>.</summary>
    public VisualEncoder(LipSyncNetOptions options) : base(nameof(VisualEncoder))
    {
        ArgumentNullException.ThrowIfNull(options);
        inputSize = options.InputSize;
        var c = options.VisualChannels;
        front = nn.Sequential(
            nn.Conv3d(1, c[0], (options.VisualTemporalKernel, 5, 5), stride: (1, 2, 2), padding: (options.VisualTemporalKernel / 2, 2, 2), bias: false),
            BatchNormalization.ThreeD(c[0]),
            nn.ReLU());
        block1 = new ResidualBlock("block1", c[0], c[1], 2, 2);
        block2 = new ResidualBlock("block2", c[1], c[2], 2, 2);
        head = nn.Linear(c[2], options.Embedding);
        RegisterComponents();
    }

    /// <summary>The stages from the input up (front, block1, block2, head): progressive unfreezing walks them top-down.</summary>
    public IReadOnlyList<nn.Module> Stages => [front, block1, block2, head];

    /// <inheritdoc/>
    public override Tensor forward(Tensor input)
    {
        using var scope = NewDisposeScope();
        long b = input.shape[0], t = input.shape[2];
        // Colour says little about articulation and would let the net key on skin tone or lighting: grey, centred.
        var grey = input.mean([1], keepdim: true);
        if (input.shape[3] != inputSize || input.shape[4] != inputSize)
            grey = nn.functional.adaptive_avg_pool3d(grey, [t, inputSize, inputSize]);
        grey = (grey - 0.45) / 0.25;
        var x = front.forward(grey);                                    // [B, C0, T, S/2, S/2]
        x = x.permute(0, 2, 1, 3, 4).reshape(b * t, x.shape[1], x.shape[3], x.shape[4]);
        x = block2.forward(block1.forward(x));                           // [B·T, C2, S/8, S/8]
        x = nn.functional.adaptive_avg_pool2d(x, 1).flatten(1);
        return head.forward(x).view(b, t, -1).MoveToOuterDisposeScope();
    }
}
