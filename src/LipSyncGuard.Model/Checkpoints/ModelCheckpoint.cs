using System.Collections;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using LipSyncGuard.Model.Networks;
using TorchSharp;
using TorchSharp.PyBridge;
using static TorchSharp.torch;

namespace LipSyncGuard.Model.Checkpoints;

/// <summary>Checkpoint I/O. Our format is a <c>.safetensors</c> file whose <c>__metadata__</c> names the architecture
/// and holds the <see cref="LipSyncNetOptions"/>, so a file says what network it fits. Foreign PyTorch state dicts
/// (<c>.pth</c>/<c>.pt</c>/<c>.bin</c> via TorchSharp.PyBridge, plain <c>.safetensors</c>) load by key with a report of
/// matched / missing / unexpected keys.</summary>
public static class ModelCheckpoint
{
    /// <summary>The <c>format</c> value in our metadata.</summary>
    public const string FormatName = "lipsyncguard";

    private static readonly JsonSerializerOptions Json = new() { WriteIndented = false };

    /// <summary>Writes <paramref name="net"/>'s state atomically to <paramref name="path"/> (a <c>.safetensors</c> file).</summary>
    public static void Save(LipSyncNet net, string path)
    {
        ArgumentNullException.ThrowIfNull(net);
        var metadata = new Dictionary<string, string>
        {
            ["format"] = FormatName,
            ["architecture"] = LipSyncNet.ArchitectureName,
            ["options"] = JsonSerializer.Serialize(net.Options, Json),
        };
        AtomicFile.Write(path, temp =>
        {
            using var stream = File.Create(temp);
            WriteSafetensors(stream, net.state_dict(), metadata);
        });
    }

    /// <summary>The network options stored in one of our checkpoints, or null for a foreign file.</summary>
    /// <exception cref="CheckpointMismatchException">The file names another architecture.</exception>
    public static LipSyncNetOptions? ReadOptions(string path)
    {
        if (!IsSafetensors(path)) return null;
        var metadata = ReadSafetensorsMetadata(path);
        if (metadata is null || !metadata.TryGetValue("format", out var format) || format != FormatName) return null;
        if (metadata.GetValueOrDefault("architecture") != LipSyncNet.ArchitectureName)
            throw new CheckpointMismatchException($"checkpoint '{path}' holds a '{metadata.GetValueOrDefault("architecture")}' network, not {LipSyncNet.ArchitectureName}");
        return JsonSerializer.Deserialize<LipSyncNetOptions>(metadata["options"], Json)?.Validate();
    }

    /// <summary>Loads <paramref name="path"/> into <paramref name="net"/> by key. With <paramref name="requireAll"/> every
    /// network tensor must be in the file. Always fails when no key matches or a shared key has another shape: that file
    /// belongs to another architecture or size, and a half-loaded network would silently predict nonsense.</summary>
    /// <exception cref="CheckpointMismatchException">The file does not fit (message says how).</exception>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    public static CheckpointLoadReport Load(LipSyncNet net, string path, bool requireAll)
    {
        ArgumentNullException.ThrowIfNull(net);
        if (!File.Exists(path)) throw new FileNotFoundException($"checkpoint '{path}' does not exist", path);
        var ours = ReadOptions(path);
        if (ours is not null && !ours.SameArchitecture(net.Options))
        {
            throw new CheckpointMismatchException(
                $"checkpoint '{path}' is a {LipSyncNet.ArchitectureName} of another size ({ours.Size}: {JsonSerializer.Serialize(ours, Json)}); the network is {net.Options.Size}");
        }
        using var scope = NewDisposeScope();
        var (state, format) = ReadStateDict(path);
        if (ours is not null) format = FormatName;
        var target = net.state_dict();
        var matched = new List<string>();
        var missing = new List<string>();
        var mismatched = new List<string>();
        foreach (var (key, tensor) in target)
        {
            if (!state.TryGetValue(key, out var source))
            {
                missing.Add(key);
                continue;
            }
            if (!source.shape.SequenceEqual(tensor.shape))
            {
                mismatched.Add($"{key} [{string.Join("×", source.shape)}]≠[{string.Join("×", tensor.shape)}]");
                continue;
            }
            matched.Add(key);
        }
        var unexpected = state.Keys.Where(k => !target.ContainsKey(k)).Order(StringComparer.Ordinal).ToList();
        var report = new CheckpointLoadReport(path, format, matched, missing, unexpected, mismatched);
        if (matched.Count == 0)
        {
            throw new CheckpointMismatchException(
                $"checkpoint '{path}' is not a {LipSyncNet.ArchitectureName} checkpoint: none of its {state.Count} tensors fits the network "
                + $"(file keys like {string.Join(", ", state.Keys.Take(3))}; network keys like {string.Join(", ", target.Keys.Take(3))})");
        }
        if (mismatched.Count > 0)
            throw new CheckpointMismatchException($"checkpoint '{path}' does not fit the network: {report.Summary()}");
        if (requireAll && missing.Count > 0)
            throw new CheckpointMismatchException($"checkpoint '{path}' lacks tensors the network needs: {report.Summary()}");
        using (no_grad())
        {
            foreach (var key in matched) target[key].copy_(state[key].to(target[key].dtype, target[key].device));
        }
        return report;
    }

    private static (Dictionary<string, Tensor> State, string Format) ReadStateDict(string path)
    {
        if (IsSafetensors(path)) return (Safetensors.LoadStateDict(path), "safetensors");
        Hashtable table;
        try
        {
            table = PyTorchUnpickler.UnpickleStateDict(path);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            throw new CheckpointMismatchException($"checkpoint '{path}' is not a PyTorch state dict PyBridge can read ({e.Message})", e);
        }
        // Training scripts often save {"state_dict": …} or {"model": …}, and DataParallel prefixes keys with "module.".
        foreach (var wrapper in new[] { "state_dict", "model", "model_state_dict" })
        {
            if (table[wrapper] is Hashtable inner) table = inner;
        }
        var state = new Dictionary<string, Tensor>(StringComparer.Ordinal);
        foreach (DictionaryEntry entry in table)
        {
            if (entry.Value is not Tensor tensor) continue;
            var key = (string)entry.Key;
            state[key.StartsWith("module.", StringComparison.Ordinal) ? key["module.".Length..] : key] = tensor;
        }
        return (state, "pytorch");
    }

    private static bool IsSafetensors(string path) => path.EndsWith(".safetensors", StringComparison.OrdinalIgnoreCase);

    private static Dictionary<string, string>? ReadSafetensorsMetadata(string path)
    {
        using var stream = File.OpenRead(path);
        Span<byte> lengthBytes = stackalloc byte[8];
        stream.ReadExactly(lengthBytes);
        var length = BitConverter.ToUInt64(lengthBytes);
        if (length > 100_000_000UL || (long)length > stream.Length - 8)
            throw new CheckpointMismatchException($"'{path}' is not a safetensors file (header length {length})");
        var header = new byte[length];
        stream.ReadExactly(header);
        var node = JsonNode.Parse(header) as JsonObject ?? throw new CheckpointMismatchException($"'{path}' has no safetensors header");
        if (node["__metadata__"] is not JsonObject meta) return null;
        return meta.Where(kv => kv.Value is not null).ToDictionary(kv => kv.Key, kv => kv.Value!.GetValue<string>());
    }

    private static void WriteSafetensors(Stream stream, IReadOnlyDictionary<string, Tensor> state, Dictionary<string, string> metadata)
    {
        var header = new JsonObject { ["__metadata__"] = new JsonObject(metadata.Select(kv => KeyValuePair.Create(kv.Key, (JsonNode?)JsonValue.Create(kv.Value)))) };
        var blobs = new List<byte[]>();
        long offset = 0;
        foreach (var (key, tensor) in state)
        {
            using var cpu = tensor.detach().cpu().contiguous();
            var bytes = cpu.bytes.ToArray();
            header[key] = new JsonObject
            {
                ["dtype"] = DType(cpu.dtype),
                ["shape"] = new JsonArray(cpu.shape.Select(s => (JsonNode?)JsonValue.Create(s)).ToArray()),
                ["data_offsets"] = new JsonArray(JsonValue.Create(offset), JsonValue.Create(offset + bytes.Length)),
            };
            offset += bytes.Length;
            blobs.Add(bytes);
        }
        var json = Encoding.UTF8.GetBytes(header.ToJsonString());
        // The format asks for the data to start 8-byte aligned; spaces pad the JSON.
        var padded = (json.Length + 7) / 8 * 8;
        using var writer = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true);
        writer.Write((ulong)padded);
        writer.Write(json);
        for (var i = json.Length; i < padded; i++) writer.Write((byte)' ');
        foreach (var blob in blobs) writer.Write(blob);
    }

    private static string DType(ScalarType type) => type switch
    {
        ScalarType.Float32 => "F32",
        ScalarType.Float64 => "F64",
        ScalarType.Float16 => "F16",
        ScalarType.BFloat16 => "BF16",
        ScalarType.Int64 => "I64",
        ScalarType.Int32 => "I32",
        ScalarType.Int8 => "I8",
        ScalarType.Byte => "U8",
        ScalarType.Bool => "BOOL",
        _ => throw new NotSupportedException($"tensor type {type} cannot be written to safetensors"),
    };
}
