using System.Globalization;
using System.Runtime.InteropServices;
using System.Security.Cryptography;

namespace LipSyncGuard.Faces.Landmarks;

/// <summary>Loads dlib's .dat through a compact binary copy (raw little-endian arrays) named after the .dat's sha256,
/// because parsing dlib's variable-length encoding of 16 M floats takes far longer than reading 66 MB of floats.</summary>
internal static class ShapePredictorCache
{
    private const int Version = 1;
    private static ReadOnlySpan<byte> Magic => "LSGSP\0\0\0"u8;

    public static ShapePredictorModel Load(LandmarkDetectorOptions options)
    {
        if (!File.Exists(options.ModelPath))
        {
            throw new LandmarkModelMissingException(
                $"dlib landmark model '{options.ModelPath}' not found; run ./setup.sh (it installs Debian's libdlib-data)");
        }
        var cacheDir = options.UseCache ? options.CacheDirectory ?? DefaultCacheDirectory() : null;
        if (cacheDir is null) return DlibShapePredictorReader.Parse(File.ReadAllBytes(options.ModelPath));

        var cachePath = Path.Combine(cacheDir, $"{Path.GetFileNameWithoutExtension(options.ModelPath)}.{Sha256Hex(options.ModelPath, cacheDir)[..16]}.lsgsp");
        if (File.Exists(cachePath))
        {
            try
            {
                return Read(cachePath);
            }
            catch (InvalidDataException)
            {
                // A truncated or foreign file: rebuild it from the .dat below.
            }
        }
        var model = DlibShapePredictorReader.Parse(File.ReadAllBytes(options.ModelPath));
        TryWrite(model, cachePath);
        return model;
    }

    internal static string? DefaultCacheDirectory()
    {
        var fromEnv = Environment.GetEnvironmentVariable("LIPSYNC_MODELS");
        if (!string.IsNullOrEmpty(fromEnv)) return Path.Combine(Path.GetFullPath(fromEnv), "dlib");
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var models = Path.Combine(dir.FullName, "models");
            if (Directory.Exists(models)) return Path.Combine(models, "dlib");
        }
        return null;
    }

    /// <summary>The .dat's sha256, read from a stamp beside the cache while the file keeps the size and modification time
    /// it had when hashed: hashing 100 MB took ~0.3 s of every start.</summary>
    private static string Sha256Hex(string path, string cacheDir)
    {
        var file = new FileInfo(path);
        var key = string.Create(CultureInfo.InvariantCulture, $"{file.Length} {file.LastWriteTimeUtc.Ticks}");
        var stampPath = Path.Combine(cacheDir, Path.GetFileName(path) + ".sha256");
        try
        {
            if (File.Exists(stampPath) && File.ReadAllText(stampPath).Split(' ') is [var length, var ticks, var hex] && $"{length} {ticks}" == key && hex.Length == 64) return hex;
        }
        catch (IOException)
        {
            // Unreadable stamp: hash again below.
        }
        string hash;
        using (var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 20)) hash = Convert.ToHexStringLower(SHA256.HashData(stream));
        try
        {
            Directory.CreateDirectory(cacheDir);
            var temp = stampPath + "." + Environment.ProcessId + ".tmp";
            File.WriteAllText(temp, $"{key} {hash}");
            File.Move(temp, stampPath, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // A read-only checkout hashes on every load.
        }
        return hash;
    }

    internal static void Write(ShapePredictorModel model, string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temp = path + "." + Environment.ProcessId + ".tmp";
        using (var stream = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 20))
        {
            stream.Write(Magic);
            Span<int> header = [Version, model.PartCount, model.CascadeCount, model.TreesPerCascade, model.SplitsPerTree, model.FeaturesPerCascade];
            stream.Write(MemoryMarshal.AsBytes(header));
            stream.Write(MemoryMarshal.AsBytes(model.InitialShape.AsSpan()));
            stream.Write(MemoryMarshal.AsBytes(model.Splits.AsSpan()));
            stream.Write(MemoryMarshal.AsBytes(model.Leaves.AsSpan()));
            stream.Write(MemoryMarshal.AsBytes(model.Anchors.AsSpan()));
            stream.Write(MemoryMarshal.AsBytes(model.Deltas.AsSpan()));
        }
        // Rename last, so a reader never sees a half-written cache.
        File.Move(temp, path, overwrite: true);
    }

    private static void TryWrite(ShapePredictorModel model, string path)
    {
        try
        {
            Write(model, path);
        }
        catch (IOException)
        {
            // A read-only checkout still works, only slower to load.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    internal static ShapePredictorModel Read(string path)
    {
        using var handle = File.OpenHandle(path);
        var length = RandomAccess.GetLength(handle);
        long offset = 0;
        Span<byte> magic = stackalloc byte[8];
        ReadExactly(handle, magic, ref offset);
        if (!magic.SequenceEqual(Magic)) throw new InvalidDataException($"'{path}' is not a converted shape predictor");
        Span<int> header = stackalloc int[6];
        ReadExactly(handle, MemoryMarshal.AsBytes(header), ref offset);
        if (header[0] != Version) throw new InvalidDataException($"converted shape predictor version {header[0]}, expected {Version}");
        int parts = header[1], cascades = header[2], trees = header[3], splitsPerTree = header[4], features = header[5];
        if (parts is <= 0 or > 1000 || cascades is <= 0 or > 1000 || trees is <= 0 or > 100_000 || splitsPerTree is <= 0 or > 1023 || features is <= 0 or > 65535)
            throw new InvalidDataException($"converted shape predictor header out of range: {string.Join(',', header.ToArray())}");
        var leafCount = (long)cascades * trees * (splitsPerTree + 1) * parts * 2;
        var expected = 8 + 24 + (4L * parts * 2) + (8L * cascades * trees * splitsPerTree) + (4 * leafCount) + (4L * cascades * features * 3);
        if (length != expected) throw new InvalidDataException($"converted shape predictor: expected {expected} bytes, got {length}");

        var initial = new float[parts * 2];
        var splits = new ShapeSplit[cascades * trees * splitsPerTree];
        var leaves = GC.AllocateUninitializedArray<float>(checked((int)leafCount));
        var anchors = new int[cascades * features];
        var deltas = new float[cascades * features * 2];
        ReadExactly(handle, MemoryMarshal.AsBytes(initial.AsSpan()), ref offset);
        ReadExactly(handle, MemoryMarshal.AsBytes(splits.AsSpan()), ref offset);
        ReadExactly(handle, MemoryMarshal.AsBytes(leaves.AsSpan()), ref offset);
        ReadExactly(handle, MemoryMarshal.AsBytes(anchors.AsSpan()), ref offset);
        ReadExactly(handle, MemoryMarshal.AsBytes(deltas.AsSpan()), ref offset);
        // The constructor re-checks every index, so a corrupt cache fails here rather than reading out of bounds later.
        return new ShapePredictorModel(parts, cascades, trees, splitsPerTree, features, initial, splits, leaves, anchors, deltas);
    }

    private static void ReadExactly(Microsoft.Win32.SafeHandles.SafeFileHandle handle, Span<byte> buffer, ref long offset)
    {
        while (!buffer.IsEmpty)
        {
            var n = RandomAccess.Read(handle, buffer, offset);
            if (n <= 0) throw new InvalidDataException("converted shape predictor ends early");
            buffer = buffer[n..];
            offset += n;
        }
    }
}
