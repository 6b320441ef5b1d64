using LipSyncGuard.Model.Networks;
using TorchSharp;
using Xunit;
using static TorchSharp.torch;

namespace LipSyncGuard.Model.Tests.Networks;

public sealed class BatchNormalizationTests
{
    public static TheoryData<int, long[]> Shapes => new()
    {
        { 1, [6, 4] },
        { 1, [6, 4, 9] },
        { 2, [5, 4, 7, 3] },
        { 3, [3, 4, 2, 5, 5] },
    };

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Forward_TrainingThenEval_SameAsTorchSharpBatchNorm(int spatialDims, long[] shape)
    {
        using var scope = NewDisposeScope();
        var features = shape[1];
        using var ours = Create(spatialDims, features);
        using var reference = Reference(spatialDims, features);
        ours.weight.requires_grad_(false).copy_(torch.linspace(0.5, 1.5, features));
        reference.weight.requires_grad_(false).copy_(torch.linspace(0.5, 1.5, features));
        var generator = new torch.Generator(11);

        for (var step = 0; step < 3; step++)
        {
            var input = torch.randn(shape, generator: generator) * (step + 1) + step;
            Assert.True(reference.forward(input).allclose(ours.forward(input), rtol: 1e-5, atol: 1e-6), $"training step {step}");
        }

        Assert.Equal(3L, ours.num_batches_tracked!.item<long>());
        Assert.Equal(reference.num_batches_tracked!.item<long>(), ours.num_batches_tracked.item<long>());
        Assert.True(reference.running_mean!.allclose(ours.running_mean!, rtol: 1e-5, atol: 1e-6));
        Assert.True(reference.running_var!.allclose(ours.running_var!, rtol: 1e-5, atol: 1e-6));
        Assert.False(ours.running_mean!.allclose(torch.zeros(features)), "the running mean moved");

        ours.eval();
        reference.eval();
        var held = torch.randn(shape, generator: generator) + 2;
        Assert.True(reference.forward(held).allclose(ours.forward(held), rtol: 1e-5, atol: 1e-6));
        Assert.Equal(3L, ours.num_batches_tracked.item<long>());
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void StateDict_AnyRank_SameNamesAndShapesAsTorchSharpBatchNorm(int spatialDims)
    {
        using var ours = Create(spatialDims, 8);
        using var reference = Reference(spatialDims, 8);

        var expected = reference.state_dict().ToDictionary(p => p.Key, p => p.Value.shape);
        var actual = ours.state_dict().ToDictionary(p => p.Key, p => p.Value.shape);

        Assert.Equal(expected.Keys.Order(), actual.Keys.Order());
        Assert.All(expected, p => Assert.Equal(p.Value, actual[p.Key]));
    }

    [Theory]
    [InlineData(1, new long[] { 2, 4, 3, 3 })]
    [InlineData(2, new long[] { 2, 4, 3 })]
    [InlineData(3, new long[] { 2, 4, 3, 3 })]
    public void Forward_WrongRank_ThrowsNamingTheExpectedRank(int spatialDims, long[] shape)
    {
        using var norm = Create(spatialDims, 4);
        using var input = torch.zeros(shape);

        var error = Assert.Throws<ArgumentException>(() => norm.forward(input));

        Assert.Contains($"got {shape.Length}D", error.Message, StringComparison.Ordinal);
    }

    private static BatchNormalization Create(int spatialDims, long features) => spatialDims switch
    {
        1 => BatchNormalization.OneD(features),
        2 => BatchNormalization.TwoD(features),
        _ => BatchNormalization.ThreeD(features),
    };

    private static TorchSharp.Modules.BatchNorm Reference(int spatialDims, long features) => spatialDims switch
    {
        1 => nn.BatchNorm1d(features),
        2 => nn.BatchNorm2d(features),
        _ => nn.BatchNorm3d(features),
    };
}
