using System.Globalization;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics.X86;
using System.Security.Cryptography;
using System.Text;
using LipSyncGuard.Media;
using Microsoft.ML.OnnxRuntime;

namespace LipSyncGuard.Faces;

/// <summary>ONNX Runtime sessions as the image networks here run them: one model per session, sequential execution on
/// a given number of threads (the hosts parallelise over faces and videos, not inside one network), full graph
/// optimisation, and only errors logged (converted graphs log harmless "Removing initializer" warnings on load).
/// Full optimisation is most of what opening costs (ResNet18: ~90–380 ms of a cold start, twice for two encoder
/// sessions), so the first open on a machine saves the optimised graph and later opens load it as it is (~30 ms;
/// docs/benchmarks.md, "Start-up").</summary>
public static class OnnxSessions
{
    /// <summary>Folder beside a model that holds its optimised copies.</summary>
    public const string OptimizedFolder = ".optimized";

    /// <summary>Loads ONNX Runtime's native library and environment (~70 ms of a cold start, paid by the first session
    /// otherwise), so that a host can do it beside its other start-up work.</summary>
    public static void LoadRuntime()
    {
        NativeEnvironment.DisableOnnxRuntimeTelemetry();
        _ = OrtEnv.Instance();
    }

    /// <summary>Opens <paramref name="modelPath"/> with <paramref name="intraOpThreads"/> threads, through its optimised
    /// copy (<see cref="OptimizedCopyPath"/>) when one was saved, else optimising it and saving the copy for the next
    /// open. A copy that cannot be written (read-only models) or read (damaged) only costs the optimisation.</summary>
    public static InferenceSession Open(string modelPath, int intraOpThreads)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(modelPath);
        var copy = File.Exists(modelPath) ? OptimizedCopyPath(modelPath) : null;
        if (copy is null) return Create(modelPath, intraOpThreads, GraphOptimizationLevel.ORT_ENABLE_ALL);
        if (File.Exists(copy))
        {
            try
            {
                // Already optimised for this runtime and CPU: optimising again would only repeat the work.
                return Create(copy, intraOpThreads, GraphOptimizationLevel.ORT_DISABLE_ALL);
            }
            catch (OnnxRuntimeException)
            {
                TryDelete(copy);
            }
        }
        // ONNX Runtime picks the format by the extension: keep ".onnx" last. Renamed when complete, so a reader in
        // another process never loads half a file.
        var temp = Path.ChangeExtension(copy, $"{Environment.ProcessId}.{Guid.NewGuid():N}.tmp.onnx");
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(copy)!);
            var session = Create(modelPath, intraOpThreads, GraphOptimizationLevel.ORT_ENABLE_ALL, temp);
            File.Move(temp, copy, overwrite: true);
            return session;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or OnnxRuntimeException)
        {
            TryDelete(temp);
            return Create(modelPath, intraOpThreads, GraphOptimizationLevel.ORT_ENABLE_ALL);
        }
    }

    /// <summary>Where the optimised copy of <paramref name="modelPath"/> lives: <see cref="OptimizedFolder"/> beside it,
    /// named after the model's size and write time, the runtime's version and this CPU. Full optimisation lays tensors
    /// out for the CPU's vector width, so a copy made on another machine, from another model file or by another runtime
    /// is never read.</summary>
    public static string OptimizedCopyPath(string modelPath)
    {
        var file = new FileInfo(modelPath);
        var key = string.Create(CultureInfo.InvariantCulture, $"{file.Length}|{file.LastWriteTimeUtc.Ticks}|{typeof(InferenceSession).Assembly.GetName().Version}|{Machine.Value}");
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)))[..16];
        return Path.Combine(file.DirectoryName!, OptimizedFolder, $"{Path.GetFileNameWithoutExtension(modelPath)}.{hash}.onnx");
    }

    private static readonly Lazy<string> Machine = new(() =>
    {
        var cpu = new StringBuilder(RuntimeInformation.ProcessArchitecture.ToString());
        cpu.Append(CultureInfo.InvariantCulture, $"|avx2 {Avx2.IsSupported}|avx512 {Avx512F.IsSupported}|avxvnni {AvxVnni.IsSupported}");
        try
        {
            // The model name and flag list of the first core name the CPU more exactly where Linux tells them.
            if (File.Exists("/proc/cpuinfo"))
            {
                foreach (var line in File.ReadLines("/proc/cpuinfo"))
                {
                    if (line.Length == 0) break;
                    if (line.StartsWith("model name", StringComparison.Ordinal) || line.StartsWith("flags", StringComparison.Ordinal)) cpu.Append('|').Append(line);
                }
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // The intrinsics above still tell the vector width apart.
        }
        return cpu.ToString();
    });

    private static InferenceSession Create(string modelPath, int intraOpThreads, GraphOptimizationLevel level, string? saveTo = null)
    {
        NativeEnvironment.DisableOnnxRuntimeTelemetry();
        using var options = new SessionOptions
        {
            IntraOpNumThreads = intraOpThreads,
            InterOpNumThreads = 1,
            ExecutionMode = ExecutionMode.ORT_SEQUENTIAL,
            GraphOptimizationLevel = level,
            LogSeverityLevel = OrtLoggingLevel.ORT_LOGGING_LEVEL_ERROR,
        };
        if (saveTo is not null) options.OptimizedModelFilePath = saveTo;
        return new InferenceSession(modelPath, options);
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Left for the next open to overwrite.
        }
    }
}
