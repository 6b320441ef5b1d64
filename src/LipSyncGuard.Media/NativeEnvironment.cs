using System.Runtime.InteropServices;

namespace LipSyncGuard.Media;

/// <summary>Settings that native libraries loaded into this process read from its environment (<c>getenv</c>). On Unix,
/// <see cref="Environment.SetEnvironmentVariable(string, string)"/> changes only .NET's own copy, which native code never
/// sees, so these are written to the process environment itself.</summary>
public static partial class NativeEnvironment
{
    /// <summary>ONNX Runtime (1.29 and later, on Linux too) reports usage to Microsoft: a persistent device id, the
    /// machine, and events for the sessions it opens, queued in <c>~/.cache/Microsoft/DeveloperTools/.onnxruntime/</c>
    /// while offline and uploaded when a network is reachable. An analysis of someone's video should tell nobody
    /// anything. The runtime reads this variable once, when its environment is created; 1 creates no uploader, device id
    /// or queue.</summary>
    public const string OnnxRuntimeTelemetryVariable = "ORT_DISABLE_TELEMETRY";

    private static int _telemetryDecided;

    /// <summary>Sets <see cref="OnnxRuntimeTelemetryVariable"/> to 1 unless the process was started with it set (a user's
    /// explicit choice stands). Call before the first ONNX Runtime session; later calls do nothing.</summary>
    public static void DisableOnnxRuntimeTelemetry()
    {
        if (Interlocked.Exchange(ref _telemetryDecided, 1) == 1) return;
        // .NET's copy starts as the process environment, so this sees what the process was started with.
        if (Environment.GetEnvironmentVariable(OnnxRuntimeTelemetryVariable) is not null) return;
        Environment.SetEnvironmentVariable(OnnxRuntimeTelemetryVariable, "1");
        if (!OperatingSystem.IsWindows()) _ = SetEnv(OnnxRuntimeTelemetryVariable, "1", 0);
    }

    [LibraryImport("libc", EntryPoint = "setenv", StringMarshalling = StringMarshalling.Utf8)]
    private static partial int SetEnv(string name, string value, int overwrite);
}
