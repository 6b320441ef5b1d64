using System.Security.Cryptography;
using System.Text;

namespace LipSyncGuard.Sync.Extraction;

/// <summary>Stores the sync input of a video's selected face on disk, keyed by the file's content hash and the extraction
/// settings, so fitting and benchmarks decode each video once. Entries are written atomically (temp file + rename): a
/// killed run leaves no half-written entry.</summary>
public sealed class SyncTrackCache
{
    // Bump when extraction changes what a track holds (features, clock, landmark post-processing).
    private const int Version = 2;
    private readonly string _directory;

    /// <summary>Creates (if needed) the cache folder.</summary>
    public SyncTrackCache(string directory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        _directory = Directory.CreateDirectory(directory).FullName;
    }

    /// <summary>The cached track of <paramref name="videoPath"/> (+ optional separate audio), extracted on a miss. Null when
    /// the video has no usable face track.</summary>
    public async Task<SyncTrack?> GetOrExtractAsync(SignalExtractor extractor, string videoPath, string? audioPath, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(extractor);
        var key = await KeyAsync(extractor, videoPath, audioPath, cancellationToken).ConfigureAwait(false);
        var path = Path.Combine(_directory, key + ".track");
        if (File.Exists(path) && TryRead(path, out var cached)) return cached;
        using var signals = await extractor.ExtractAsync(videoPath, audioPath, cancellationToken: cancellationToken).ConfigureAwait(false);
        var selected = signals.Faces.Selected.FirstOrDefault(t => signals.Tracks.ContainsKey(t.Id));
        var track = selected is null ? null : signals.ToSyncTrack(selected.Id);
        Write(path, track);
        return track;
    }

    private static async Task<string> KeyAsync(SignalExtractor extractor, string videoPath, string? audioPath, CancellationToken cancellationToken)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var file in new[] { videoPath, audioPath })
        {
            if (file is null) continue;
            await using var stream = File.OpenRead(file);
            var buffer = new byte[1 << 16];
            int read;
            while ((read = await stream.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0) sha.AppendData(buffer, 0, read);
        }
        var o = extractor.Options;
        sha.AppendData(Encoding.UTF8.GetBytes($"v{Version}|{o.Fps}|{o.MaxSide}|{o.Detector}|{o.Faces.Selection}|{o.Faces.MinTrackLength}|{o.LandmarkTrack}|{o.Audio}"));
        return Convert.ToHexString(sha.GetHashAndReset())[..32].ToLowerInvariant();
    }

    private static void Write(string path, SyncTrack? track)
    {
        var temp = path + "." + Environment.ProcessId + ".tmp";
        using (var writer = new BinaryWriter(File.Create(temp)))
        {
            writer.Write(Version);
            writer.Write(track is not null);
            if (track is not null)
            {
                writer.Write(track.FrameCount);
                writer.Write(track.AudioWidth);
                writer.Write(track.LipWidth);
                foreach (var v in track.Audio) writer.Write(v);
                foreach (var v in track.Lips) writer.Write(v);
                foreach (var v in track.LipValid) writer.Write(v);
                foreach (var v in track.Speech) writer.Write(v);
            }
        }
        File.Move(temp, path, overwrite: true);
    }

    private static bool TryRead(string path, out SyncTrack? track)
    {
        using var reader = new BinaryReader(File.OpenRead(path));
        track = null;
        // Another version's entry is a miss (the key already includes the version; this guards hand-copied files).
        if (reader.ReadInt32() != Version) return false;
        if (!reader.ReadBoolean()) return true;
        var frames = reader.ReadInt32();
        var audioWidth = reader.ReadInt32();
        var lipWidth = reader.ReadInt32();
        var audio = new float[frames * audioWidth];
        var lips = new float[frames * lipWidth];
        var valid = new bool[frames];
        var speech = new float[frames];
        for (var i = 0; i < audio.Length; i++) audio[i] = reader.ReadSingle();
        for (var i = 0; i < lips.Length; i++) lips[i] = reader.ReadSingle();
        for (var i = 0; i < valid.Length; i++) valid[i] = reader.ReadBoolean();
        for (var i = 0; i < speech.Length; i++) speech[i] = reader.ReadSingle();
        track = new SyncTrack(frames, audio, audioWidth, lips, lipWidth, valid, speech);
        return true;
    }
}
