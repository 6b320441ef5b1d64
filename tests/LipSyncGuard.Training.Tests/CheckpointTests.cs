using LipSyncGuard.Model.Checkpoints;
using LipSyncGuard.Model.Networks;
using LipSyncGuard.Testing;
using TorchSharp;
using TorchSharp.PyBridge;
using Xunit;
using static TorchSharp.torch;

namespace LipSyncGuard.Training.Tests;

public sealed class CheckpointTests
{
    [Fact]
    public void SaveLoad_OwnFormat_SameOutputsAndOptions()
    {
        using var dir = new TempDir();
        var path = dir.File("m.safetensors");
        using var a = new LipSyncNet(LipSyncNetOptions.Tiny);
        ModelCheckpoint.Save(a, path);
        Assert.Equal(LipSyncNetOptions.Tiny.Size, ModelCheckpoint.ReadOptions(path)!.Size);
        using var b = new LipSyncNet(LipSyncNetOptions.Tiny);
        var report = ModelCheckpoint.Load(b, path, requireAll: true);
        Assert.Empty(report.Missing);
        Assert.Empty(report.Unexpected);
        Assert.Equal(ModelCheckpoint.FormatName, report.Format);
        a.eval();
        b.eval();
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var x = (rand(new long[] { 1, 3, 25, 96, 96 }), randn(1, 1, 80, 100), randn(1, 25, 7));
        Assert.True(a.forward(x.Item1, x.Item2, x.Item3).Logit.allclose(b.forward(x.Item1, x.Item2, x.Item3).Logit));
    }

    [Fact]
    public void Load_PyTorchStateDict_ReportsKeys()
    {
        using var dir = new TempDir();
        var path = dir.File("m.pth");
        using var a = new LipSyncNet(LipSyncNetOptions.Tiny);
        a.save_py(path);
        using var b = new LipSyncNet(LipSyncNetOptions.Tiny);
        var report = ModelCheckpoint.Load(b, path, requireAll: false);
        Assert.Equal("pytorch", report.Format);
        Assert.Equal(b.state_dict().Count, report.Matched.Count);
        Assert.True(a.Visual.parameters().First().allclose(b.Visual.parameters().First()));
    }

    [Fact]
    public void Load_ForeignArchitecture_ThrowsClearError()
    {
        using var dir = new TempDir();
        var path = dir.File("foreign.pth");
        using (var foreign = nn.Sequential(("fc", nn.Linear(10, 2)))) foreign.save_py(path);
        using var net = new LipSyncNet(LipSyncNetOptions.Tiny);
        var e = Assert.Throws<CheckpointMismatchException>(() => ModelCheckpoint.Load(net, path, requireAll: false));
        Assert.Contains("not a LipSyncNet checkpoint", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_OtherSize_ThrowsClearError()
    {
        using var dir = new TempDir();
        var path = dir.File("tiny.safetensors");
        using (var tiny = new LipSyncNet(LipSyncNetOptions.Tiny)) ModelCheckpoint.Save(tiny, path);
        using var net = new LipSyncNet();
        var e = Assert.Throws<CheckpointMismatchException>(() => ModelCheckpoint.Load(net, path, requireAll: false));
        Assert.Contains("another size", e.Message, StringComparison.Ordinal);
    }
}
