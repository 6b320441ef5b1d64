using TorchSharp;
using Xunit;
using static TorchSharp.torch;

namespace LipSyncGuard.Model.Tests;

/// <summary>Proves the native TorchSharp stack loads and computes here (on Debian 12 only after
/// scripts/post-restore.d/10-torchsharp.sh has patched it).</summary>
public sealed class TorchLoadTests
{
    [Fact]
    public void Conv2d_ForwardAndBackward_GivesShapeAndGradients()
    {
        using var scope = NewDisposeScope();
        // 3×3 kernel of ones over a 5×5 image of ones: every output is 9, and the gradient of the sum counts how
        // many output positions each weight and each pixel takes part in.
        var input = ones(1, 1, 5, 5, requires_grad: true);
        var weight = ones(1, 1, 3, 3, requires_grad: true);

        var output = nn.functional.conv2d(input, weight);
        output.sum().backward();

        Assert.Equal(new long[] { 1, 1, 3, 3 }, output.shape);
        Assert.All(output.data<float>().ToArray(), v => Assert.Equal(9f, v));
        Assert.All(weight.grad!.data<float>().ToArray(), g => Assert.Equal(9f, g));
        var inputGrad = input.grad!;
        Assert.Equal(1f, inputGrad[0, 0, 0, 0].item<float>());
        Assert.Equal(3f, inputGrad[0, 0, 0, 2].item<float>());
        Assert.Equal(9f, inputGrad[0, 0, 2, 2].item<float>());
    }

    [Fact]
    public void TrainingStep_InsideDisposeScope_LeavesNoLiveTensor()
    {
        using var conv = nn.Conv2d(1, 4, 3);
        using var optimizer = optim.SGD(conv.parameters(), 0.1);
        var parametersBefore = conv.weight!.clone().DetachFromDisposeScope();
        DisposeScopeManager.Statistics.Reset();

        using (NewDisposeScope())
        {
            var x = randn(2, 1, 8, 8);
            var loss = conv.forward(x).pow(2).mean();
            optimizer.zero_grad();
            loss.backward();
            optimizer.step();
        }

        Assert.Equal(0, DisposeScopeManager.Statistics.ThreadTotalLiveCount);
        Assert.False(conv.weight!.allclose(parametersBefore), "the step did not change the weights");
        parametersBefore.Dispose();
    }
}
