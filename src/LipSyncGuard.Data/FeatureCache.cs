using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;
using LipSyncGuard.Media;

namespace LipSyncGuard.Data;

/// <summary>Preprocessed videos on disk, one compact file per video (crops uint8, mel and speech embeddings float16, lips, speech, track
/// metadata), keyed by the content hash of the video (and its separate audio) plus <see cref="PreprocessOptions.Fingerprint"/>:
/// renaming a file keeps its entry, editing a setting invalidates only entries it changes. Entries are written to a temp
/// file and renamed, so a killed run leaves no half-written entry and a rerun resumes where it stopped.</summary>
public sealed class FeatureCache
{
    private const int Magic = 0x5747534C; // "LSGW"
    // 2: head positions per track; 3: speech embeddings; 5: eye distance per frame; 6: head positions in pixels; 7: eye
    // openness beside the head positions (an older entry reads as a miss and is extracted again).
    private const int FormatVersion = 7;

    /// <summary>Creates (if needed) the cache folder.</summary>
    public FeatureCache(string directory, PreprocessOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        Directory = System.IO.Directory.CreateDirectory(directory).FullName;
        Options = (options ?? PreprocessOptions.Default).Validate();
    }

    /// <summary>The cache folder.</summary>
    public string Directory { get; }

    /// <summary>The settings entries are made with.</summary>
    public PreprocessOptions Options { get; }

    /// <summary>The entry path of <paramref name="item"/> (hashes its files).</summary>
    public async Task<string> EntryPathAsync(DatasetItem item, CancellationToken cancellationToken = default) =>
        Path.Combine(Directory, await HashAsync(item, Options.Fingerprint(), cancellationToken).ConfigureAwait(false) + ".lsgw");

    /// <summary>A key of <paramref name="item"/>'s content alone (its video and separate audio): equal for one clip filed
    /// twice, and — unlike <see cref="EntryPathAsync"/> — the same under any extraction settings, so what is keyed on it (the
    /// evaluation's folds) does not move when a setting does.</summary>
    public static Task<string> ContentKeyAsync(DatasetItem item, CancellationToken cancellationToken = default) =>
        HashAsync(item, null, cancellationToken);

    private static async Task<string> HashAsync(DatasetItem item, string? settings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(item);
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = new byte[1 << 16];
        foreach (var file in new[] { item.Path, item.AudioPath })
        {
            if (file is null) continue;
            await using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);
            int read;
            while ((read = await stream.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0) sha.AppendData(buffer, 0, read);
            sha.AppendData("|"u8);
        }
        if (settings is not null) sha.AppendData(Encoding.UTF8.GetBytes(settings));
        return Convert.ToHexString(sha.GetHashAndReset())[..32].ToLowerInvariant();
    }

    /// <summary>The cached entry of <paramref name="item"/>, or null when absent or unreadable (a damaged entry is a miss).
    /// Never decodes video.</summary>
    public async Task<PreprocessedVideo?> TryLoadAsync(DatasetItem item, CancellationToken cancellationToken = default)
    {
        var path = await EntryPathAsync(item, cancellationToken).ConfigureAwait(false);
        return TryRead(path, item);
    }

    /// <summary>The cached entry, or a fresh extraction stored before it is returned. <c>Hit</c> says which.</summary>
    public async Task<(PreprocessedVideo Video, bool Hit)> GetOrExtractAsync(
        WindowExtractor extractor, DatasetItem item, MediaLimits? limits = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(extractor);
        if (extractor.Options.Fingerprint() != Options.Fingerprint())
            throw new ArgumentException("the extractor's settings differ from the cache's", nameof(extractor));
        var path = await EntryPathAsync(item, cancellationToken).ConfigureAwait(false);
        if (TryRead(path, item) is { } cached) return (cached, true);
        var video = await extractor.ExtractAsync(item, limits, cancellationToken).ConfigureAwait(false);
        Write(path, video);
        return (video, false);
    }

    /// <summary>Deletes temp files left by a writer that was killed (its process is gone); returns how many. Files of
    /// live processes are kept: they may be mid-write.</summary>
    public int RemoveStaleTemporaryFiles()
    {
        var removed = 0;
        foreach (var file in System.IO.Directory.EnumerateFiles(Directory, "*.lsgw.*.tmp"))
        {
            // Name: <hash>.lsgw.<pid>.<thread>.tmp
            var parts = Path.GetFileName(file).Split('.');
            if (parts.Length != 5 || !int.TryParse(parts[2], out var pid) || ProcessAlive(pid)) continue;
            try
            {
                File.Delete(file);
                removed++;
            }
            catch (IOException)
            {
                // Another run swept it first.
            }
        }
        return removed;
    }

    private static bool ProcessAlive(int pid)
    {
        try
        {
            using var process = System.Diagnostics.Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    internal static void Write(string path, PreprocessedVideo video)
    {
        var temp = $"{path}.{Environment.ProcessId}.{Environment.CurrentManagedThreadId}.tmp";
        try
        {
            using (var stream = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16))
            using (var writer = new BinaryWriter(stream))
            {
                writer.Write(Magic);
                writer.Write(FormatVersion);
                writer.Write(video.FrameCount);
                writer.Write(video.DurationSeconds);
                writer.Write(video.MelBins);
                writer.Write(video.Mel.Length);
                var half = new Half[video.Mel.Length];
                for (var i = 0; i < half.Length; i++) half[i] = (Half)video.Mel[i];
                writer.Write(MemoryMarshal.AsBytes(half.AsSpan()));
                writer.Write(video.Speech.Length);
                writer.Write(MemoryMarshal.AsBytes(video.Speech.AsSpan()));
                writer.Write(video.Embedding.Length);
                var embedding = new Half[video.Embedding.Length];
                for (var i = 0; i < embedding.Length; i++) embedding[i] = (Half)video.Embedding[i];
                writer.Write(MemoryMarshal.AsBytes(embedding.AsSpan()));
                writer.Write(video.Tracks.Count);
                foreach (var t in video.Tracks)
                {
                    writer.Write(t.TrackId);
                    writer.Write(t.StartFrame);
                    writer.Write(t.Length);
                    writer.Write(t.CropSize);
                    writer.Write(t.Fallback);
                    writer.Write(t.Crops);
                    writer.Write(MemoryMarshal.AsBytes(t.Lips.AsSpan()));
                    writer.Write(MemoryMarshal.AsBytes(t.LipValid.AsSpan()));
                    WriteOptional(writer, t.Head);
                    WriteOptional(writer, t.Forehead);
                    WriteOptional(writer, t.EyeDistance);
                }
                writer.Write(Magic);
            }
            File.Move(temp, path, overwrite: true);
        }
        finally
        {
            File.Delete(temp);
        }
    }

    /// <summary>A per-frame series a track may lack: a presence flag, then its values.</summary>
    private static void WriteOptional(BinaryWriter writer, float[]? values)
    {
        writer.Write(values is not null);
        if (values is not null) writer.Write(MemoryMarshal.AsBytes(values.AsSpan()));
    }

    /// <summary>Reads what <see cref="WriteOptional"/> wrote: <paramref name="count"/> values, or null when absent.</summary>
    private static float[]? ReadOptional(BinaryReader reader, Stream stream, int count)
    {
        if (!reader.ReadBoolean()) return null;
        var values = new float[count];
        stream.ReadExactly(MemoryMarshal.AsBytes(values.AsSpan()));
        return values;
    }

    internal static PreprocessedVideo? TryRead(string path, DatasetItem item)
    {
        if (!File.Exists(path)) return null;
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
            using var reader = new BinaryReader(stream);
            if (reader.ReadInt32() != Magic || reader.ReadInt32() != FormatVersion) return null;
            var frames = reader.ReadInt32();
            var duration = reader.ReadDouble();
            var bins = reader.ReadInt32();
            var half = new Half[Count(reader, stream, 2)];
            stream.ReadExactly(MemoryMarshal.AsBytes(half.AsSpan()));
            var mel = new float[half.Length];
            for (var i = 0; i < mel.Length; i++) mel[i] = (float)half[i];
            var speech = new float[Count(reader, stream, 4)];
            stream.ReadExactly(MemoryMarshal.AsBytes(speech.AsSpan()));
            var halfEmbedding = new Half[Count(reader, stream, 2)];
            stream.ReadExactly(MemoryMarshal.AsBytes(halfEmbedding.AsSpan()));
            var embedding = new float[halfEmbedding.Length];
            for (var i = 0; i < embedding.Length; i++) embedding[i] = (float)halfEmbedding[i];
            var trackCount = reader.ReadInt32();
            if (trackCount < 0 || trackCount > 10_000) return null;
            var tracks = new List<PreprocessedTrack>(trackCount);
            for (var k = 0; k < trackCount; k++)
            {
                int id = reader.ReadInt32(), start = reader.ReadInt32(), length = reader.ReadInt32(), size = reader.ReadInt32();
                var fallback = reader.ReadBoolean();
                if (length < 0 || size is < 1 or > 4096 || (long)length * size * size * 3 > stream.Length) return null;
                var crops = new byte[length * size * size * 3];
                stream.ReadExactly(crops);
                var lips = new float[length * PreprocessedTrack.LipWidth];
                stream.ReadExactly(MemoryMarshal.AsBytes(lips.AsSpan()));
                var valid = new bool[length];
                stream.ReadExactly(MemoryMarshal.AsBytes(valid.AsSpan()));
                var head = ReadOptional(reader, stream, length * PreprocessedTrack.HeadWidth);
                var forehead = ReadOptional(reader, stream, length);
                var eyeDistance = ReadOptional(reader, stream, length);
                tracks.Add(new PreprocessedTrack(id, start, length, size, crops, lips, valid, fallback) { Head = head, Forehead = forehead, EyeDistance = eyeDistance });
            }
            if (reader.ReadInt32() != Magic) return null;
            return new PreprocessedVideo(item, frames, duration, bins, mel, speech, tracks) { Embedding = embedding };
        }
        catch (EndOfStreamException)
        {
            return null;
        }
        catch (IOException)
        {
            return null;
        }
    }

    private static int Count(BinaryReader reader, Stream stream, int elementBytes)
    {
        var count = reader.ReadInt32();
        if (count < 0 || (long)count * elementBytes > stream.Length) throw new EndOfStreamException("entry length out of range");
        return count;
    }
}
