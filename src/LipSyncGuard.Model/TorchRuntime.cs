using System.Globalization;
using TorchSharp;

namespace LipSyncGuard.Model;

/// <summary>Turns a user's device choice (<c>--device</c>) into a TorchSharp device, so the rest of the code never
/// branches on the backend: the same code runs on the CPU build that ships and on a CUDA build of TorchSharp.</summary>
public static class TorchRuntime
{
    /// <summary>The device names accepted by <see cref="ResolveDevice"/>.</summary>
    public static IReadOnlyList<string> DeviceNames { get; } = ["auto", "cpu", "cuda", "cuda:N", "mps"];

    /// <summary>Resolves <paramref name="name"/>: <c>auto</c> (or null) picks CUDA when available, else the CPU;
    /// <c>cpu</c>; <c>cuda</c> or <c>cuda:N</c> when that device exists; <c>mps</c> on Apple silicon only.</summary>
    /// <exception cref="DeviceUnavailableException">The device is valid but not available here.</exception>
    /// <exception cref="ArgumentException"><paramref name="name"/> is not a device name.</exception>
    public static torch.Device ResolveDevice(string? name)
    {
        var key = (name ?? "auto").Trim().ToLowerInvariant();
        switch (key)
        {
            case "auto":
                return torch.cuda.is_available() ? torch.CUDA : torch.CPU;
            case "cpu":
                return torch.CPU;
            case "mps":
                if (!torch.mps_is_available())
                {
                    throw new DeviceUnavailableException(key,
                        $"device 'mps' (Apple Metal) is not available on this platform ({System.Runtime.InteropServices.RuntimeInformation.RuntimeIdentifier}); use --device cpu");
                }
                return new torch.Device(DeviceType.MPS);
        }
        if (key == "cuda" || key.StartsWith("cuda:", StringComparison.Ordinal))
        {
            var index = 0;
            if (key.Length > 4 && (!int.TryParse(key.AsSpan(5), NumberStyles.None, CultureInfo.InvariantCulture, out index)))
                throw new ArgumentException($"'{name}' is not a device: expected cuda:N with N a device number", nameof(name));
            if (!torch.cuda.is_available())
            {
                throw new DeviceUnavailableException(key,
                    $"device '{key}' is not available: no CUDA device is visible to this TorchSharp build (the CPU package ships by default); use --device cpu");
            }
            var count = torch.cuda.device_count();
            if (index >= count)
                throw new DeviceUnavailableException(key, $"device '{key}' is not available: {count} CUDA device(s), numbered from 0");
            return new torch.Device(DeviceType.CUDA, index);
        }
        throw new ArgumentException($"'{name}' is not a device: expected one of {string.Join(", ", DeviceNames)}", nameof(name));
    }
}
