using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace LipSyncGuard.Model.Networks;

/// <summary>Batch normalisation over 1, 2 or 3 spatial dimensions, as <c>nn.BatchNorm1d/2d/3d</c> (same parameters,
/// buffers and state-dict names, same outputs and running statistics), but counting its training batches with
/// <see cref="One"/>, a scalar that lives as long as the process. TorchSharp 0.107's <c>BatchNorm.forward</c> counts with
/// <c>num_batches_tracked.add_(1)</c>, which hands libtorch the native handles of two temporary scalars without keeping
/// them alive; a collection on another thread during that call can free one under libtorch, which then reads it as a
/// floating-point <c>alpha</c> and throws ("For integral input tensors, argument alpha must not be a floating point
/// number") — a rare failure of whatever training step it hits.</summary>
public sealed class BatchNormalization : BatchNorm
{
    private static readonly Scalar One = 1L;

    private readonly int _spatialDims;

    private BatchNormalization(long features, int spatialDims)
        : base(features, eps: 1e-5, momentum: 0.1, affine: true, track_running_stats: true, device: null, dtype: null, name: $"BatchNorm{spatialDims}d")
    {
        _spatialDims = spatialDims;
    }

    /// <summary>Over [N, C] or [N, C, L] (as <c>nn.BatchNorm1d</c>).</summary>
    public static BatchNormalization OneD(long features) => new(features, 1);

    /// <summary>Over [N, C, H, W] (as <c>nn.BatchNorm2d</c>).</summary>
    public static BatchNormalization TwoD(long features) => new(features, 2);

    /// <summary>Over [N, C, D, H, W] (as <c>nn.BatchNorm3d</c>).</summary>
    public static BatchNormalization ThreeD(long features) => new(features, 3);

    /// <inheritdoc/>
    public override Tensor forward(Tensor input)
    {
        ValidateInputDimensions(input);
        if (training)
            num_batches_tracked!.add_(One, One);
        return nn.functional.batch_norm(input, running_mean, running_var, weight, bias, training, momentum!.Value, eps);
    }

    /// <inheritdoc/>
    protected override void ValidateInputDimensions(Tensor input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var valid = _spatialDims == 1 ? input.Dimensions is 2 or 3 : input.Dimensions == _spatialDims + 2;
        if (!valid)
            throw new ArgumentException($"expected a {(_spatialDims == 1 ? "2D or 3D" : $"{_spatialDims + 2}D")} input, got {input.Dimensions}D", nameof(input));
    }
}
