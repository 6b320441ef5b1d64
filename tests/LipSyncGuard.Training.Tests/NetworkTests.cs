using LipSyncGuard.Model.Networks;
using TorchSharp;
using Xunit;
using static TorchSharp.torch;

namespace LipSyncGuard.Training.Tests;

public sealed class NetworkTests
{
    private static readonly LipSyncNetOptions Tiny = LipSyncNetOptions.Tiny;

    public static TheoryData<string> Modules => new() { "visual", "audio", "lips", "sync", "fusion", "classifier", "net" };

    [Theory]
    [MemberData(nameof(Modules))]
    public void Forward_EachModule_ShapesFiniteAndGradients(string name)
    {
        using var scope = NewDisposeScope();
        random.manual_seed(1);
        const int b = 2, t = 25;
        var o = Tiny;
        nn.Module module;
        Tensor output;
        switch (name)
        {
            case "visual":
                var v = new VisualEncoder(o);
                module = v;
                output = v.forward(rand(new long[] { b, 3, t, 96, 96 }));
                Assert.Equal(new long[] { b, t, o.Embedding }, output.shape);
                break;
            case "audio":
                var a = new AudioEncoder(o);
                module = a;
                output = a.forward(randn(b, 1, 80, 4 * t));
                Assert.Equal(new long[] { b, t, o.Embedding }, output.shape);
                break;
            case "lips":
                var l = new LandmarkEncoder(o);
                module = l;
                output = l.forward(randn(b, t, o.LipFeatures));
                Assert.Equal(new long[] { b, t, o.LipEmbedding }, output.shape);
                break;
            case "sync":
                var s = new SyncHead();
                module = s;
                var similarity = s.forward(randn(b, t, 8), randn(b, t, 8));
                Assert.Equal(new long[] { b, t }, similarity.shape);
                Assert.True(similarity.abs().max().item<float>() <= 1.0001f);
                output = s.Logit(similarity);
                Assert.Equal(new long[] { b }, output.shape);
                break;
            case "fusion":
                var f = new Fusion(o);
                module = f;
                output = f.forward(randn(b, t, (2 * o.Embedding) + o.LipEmbedding + 1));
                Assert.Equal(new long[] { b, o.FusionWidth }, output.shape);
                break;
            case "classifier":
                var c = new Classifier(o);
                module = c;
                output = c.forward(randn(b, o.FusionWidth));
                Assert.Equal(new long[] { b }, output.shape);
                break;
            default:
                var net = new LipSyncNet(o);
                module = net;
                var result = net.forward(rand(new long[] { b, 3, t, 96, 96 }), randn(b, 1, 80, 4 * t), randn(b, t, o.LipFeatures));
                Assert.Equal(new long[] { b }, result.Logit.shape);
                Assert.Equal(new long[] { b, t }, result.SyncSimilarity.shape);
                Assert.Equal(new long[] { b }, result.SyncLogit.shape);
                output = result.Logit + result.SyncLogit;
                break;
        }
        Assert.False(output.isnan().any().item<bool>(), "NaN in the output");
        output.sum().backward();
        foreach (var (pname, p) in module.named_parameters())
        {
            Assert.NotNull(p.grad);
            Assert.False(p.grad!.isnan().any().item<bool>(), $"NaN gradient in {pname}");
        }
        module.Dispose();
    }

    [Fact]
    public void Forward_DefaultSize_LogitPerWindow()
    {
        using var scope = NewDisposeScope();
        using var net = new LipSyncNet();
        net.eval();
        using var noGrad = no_grad();
        var result = net.forward(rand(new long[] { 1, 3, 25, 96, 96 }), randn(1, 1, 80, 100), randn(1, 25, 7));
        Assert.Equal(new long[] { 1 }, result.Logit.shape);
        Assert.InRange(net.ParameterCount, 50_000, 2_000_000);
    }

    [Theory]
    [InlineData("crops", false, true)]
    [InlineData("landmarks", true, false)]
    [InlineData("both", true, true)]
    public void Forward_Inputs_LogitReadsOnlyTheChosenStreams(string inputs, bool readsLips, bool readsCrops)
    {
        using var scope = NewDisposeScope();
        random.manual_seed(2);
        using var net = new LipSyncNet(LipSyncNetOptions.Tiny with { Inputs = inputs });
        net.eval();
        using var noGrad = no_grad();
        var (crops, mel, lips) = (rand(new long[] { 2, 3, 25, 96, 96 }), randn(2, 1, 80, 100), randn(2, 25, 7));

        var logit = net.forward(crops, mel, lips).Logit;
        var otherLips = net.forward(crops, mel, randn(2, 25, 7)).Logit;
        var otherCrops = net.forward(rand(new long[] { 2, 3, 25, 96, 96 }), mel, lips).Logit;

        Assert.Equal(readsLips, !logit.allclose(otherLips));
        Assert.Equal(readsCrops, !logit.allclose(otherCrops));
        Assert.False(logit.allclose(net.forward(crops, randn(2, 1, 80, 100), lips).Logit), "the audio is always read");
    }

    [Fact]
    public void Options_UnknownInputs_Throws() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => (LipSyncNetOptions.Tiny with { Inputs = "pixels" }).Validate());
}
