using TorchSharp;
using Xunit;

namespace LipSyncGuard.Model.Tests;

public sealed class TorchRuntimeTests
{
    [Theory]
    [InlineData("cpu")]
    [InlineData(" CPU ")]
    public void ResolveDevice_Cpu_IsCpu(string name)
    {
        Assert.Equal(DeviceType.CPU, TorchRuntime.ResolveDevice(name).type);
    }

    [Fact]
    public void ResolveDevice_Auto_IsCudaOnlyWhenAvailable()
    {
        var expected = torch.cuda.is_available() ? DeviceType.CUDA : DeviceType.CPU;

        Assert.Equal(expected, TorchRuntime.ResolveDevice(null).type);
        Assert.Equal(expected, TorchRuntime.ResolveDevice("auto").type);
    }

    [SkippableFact]
    public void ResolveDevice_CudaWithoutGpu_ThrowsNamingCpu()
    {
        Skip.If(torch.cuda.is_available(), "a CUDA device is present");

        var error = Assert.Throws<DeviceUnavailableException>(() => TorchRuntime.ResolveDevice("cuda"));

        Assert.Equal("cuda", error.Device);
        Assert.Contains("--device cpu", error.Message, StringComparison.Ordinal);
    }

    [SkippableFact]
    public void ResolveDevice_MpsOffApple_ThrowsNotAvailableOnThisPlatform()
    {
        Skip.If(OperatingSystem.IsMacOS(), "Apple platforms may have MPS");

        var error = Assert.Throws<DeviceUnavailableException>(() => TorchRuntime.ResolveDevice("mps"));

        Assert.Contains("not available on this platform", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("gpu")]
    [InlineData("cuda:x")]
    [InlineData("cuda:-1")]
    public void ResolveDevice_UnknownName_ThrowsArgumentException(string name)
    {
        Assert.Throws<ArgumentException>(() => TorchRuntime.ResolveDevice(name));
    }
}
