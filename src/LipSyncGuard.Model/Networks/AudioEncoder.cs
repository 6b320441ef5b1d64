using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace LipSyncGuard.Model.Networks;

/// <summary>Log-mel [B, 1, F, 4T] → per-frame embeddings [B, T, D] at the video rate: two strides of 2 in time bring
/// 100 mel frames/s to 25/s, so output frame t covers the same 40 ms as video frame t.</summary>
public sealed class AudioEncoder : nn.Module<Tensor, Tensor>
{
    private readonly Sequential front;
    private readonly ResidualBlock block1;
    private readonly ResidualBlock block2;
    private readonly Linear head;

    /// <summary>Creates the encoder for <paramref name="options"/>.</summary>
    public AudioEncoder(LipSyncNetOptions options) : base(nameof(AudioEncoder))
    {
        ArgumentNullException.ThrowIfNull(options);
        var c = options.AudioChannels;
        front = nn.Sequential(
            nn.Conv2d(1, c[0], (3, 3), stride: (2, 2), padding: (1, 1), bias: false),
            BatchNormalization.TwoD(c[0]),
            nn.ReLU());
        block1 = new ResidualBlock("block1", c[0], c[1], 2, 2);
        block2 = new ResidualBlock("block2", c[1], c[2], 2, 1);
        head = nn.Linear(c[2], options.Embedding);
        RegisterComponents();
    }

    /// <summary>The stages from the input up (front, block1, block2, head).</summary>
    public IReadOnlyList<nn.Module> Stages => [front, block1, block2, head];

    /// <inheritdoc/>
    public override Tensor forward(Tensor input)
    {
        using var scope = NewDisposeScope();
        var x = block2.forward(block1.forward(front.forward(input)));   // [B, C2, F/8, T]
        x = x.mean([2]).permute(0, 2, 1);                                // [B, T, C2]
        return head.forward(x).MoveToOuterDisposeScope();
    }
}
