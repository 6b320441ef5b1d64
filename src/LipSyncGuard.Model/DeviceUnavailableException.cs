namespace LipSyncGuard.Model;

/// <summary>A valid device was asked for that this machine or this TorchSharp build does not have.</summary>
public sealed class DeviceUnavailableException : Exception
{
    /// <summary>Creates the exception for <paramref name="device"/>.</summary>
    public DeviceUnavailableException(string device, string message) : base(message) => Device = device;

    /// <summary>Creates the exception with a message.</summary>
    public DeviceUnavailableException(string message) : base(message) => Device = "";

    /// <summary>Creates the exception with a message and a cause.</summary>
    public DeviceUnavailableException(string message, Exception innerException) : base(message, innerException) => Device = "";

    /// <summary>Creates the exception.</summary>
    public DeviceUnavailableException() : this("the device is not available")
    {
    }

    /// <summary>The device name asked for (<c>cuda</c>, <c>cuda:1</c>, <c>mps</c>).</summary>
    public string Device { get; }
}
