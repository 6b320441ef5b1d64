using LipSyncGuard.Data;
using LipSyncGuard.Sync.Extraction;

namespace LipSyncGuard.Analysis;

/// <summary>A face's mouth crops read back from its store, as the detector and the cues take them: a slice of frames for a
/// batch of detector windows, or a bounded sample spread over the whole face for the trace cues. However long the face,
/// nothing holds more than one slice or one sample.</summary>
internal static class TrackCrops
{
    /// <summary>Runs a sample is cut into when the face is longer than its budget: enough to reach every part of a long
    /// video, each run long enough (≥ 2 s at a 3000-frame budget) for the frame-to-frame measures.</summary>
    public const int Runs = 24;

    /// <summary>Frames [<paramref name="from"/>, <paramref name="to"/>) of <paramref name="track"/> (crops, lips, trust).</summary>
    public static PreprocessedTrack Slice(TrackSignals track, int from, int to)
    {
        ArgumentNullException.ThrowIfNull(track);
        var length = to - from;
        var lips = new float[length * TrackSignals.LipWidth];
        for (var k = 0; k < lips.Length; k++) lips[k] = track.Lips[(from * TrackSignals.LipWidth) + k];
        var valid = new bool[length];
        for (var t = 0; t < length; t++) valid[t] = track.Valid[from + t];
        return new PreprocessedTrack(track.TrackId, (int)track.StartFrame + from, length, track.CropSize,
            track.CropSize == 0 ? [] : track.ReadCrops(from, length), lips, valid, Fallback: false);
    }

    /// <summary>The frames the trace cues measure: the whole face when it has at most <paramref name="maxFrames"/> frames
    /// with crops; else <see cref="Runs"/> runs of consecutive frames spread evenly from its first frame to its last (see
    /// <see cref="RunStarts"/>), back to back, the first frame of each run marked untrusted so that no frame-to-frame measure
    /// pairs two frames across a gap.</summary>
    public static PreprocessedTrack Sample(TrackSignals track, int maxFrames)
    {
        ArgumentNullException.ThrowIfNull(track);
        var length = Math.Min(track.Length, track.CropFrames);
        if (length <= maxFrames) return Slice(track, 0, length);
        var run = maxFrames / Runs;
        var runs = RunStarts(length, maxFrames).Select(start => Slice(track, start, start + run)).ToList();
        var frames = runs.Sum(r => r.Length);
        var crops = new byte[frames * track.CropSize * track.CropSize * 3];
        var lips = new float[frames * TrackSignals.LipWidth];
        var valid = new bool[frames];
        var at = 0;
        foreach (var r in runs)
        {
            r.Crops.CopyTo(crops, at * r.CropBytes);
            r.Lips.CopyTo(lips, at * TrackSignals.LipWidth);
            r.LipValid.CopyTo(valid, at);
            valid[at] = false;
            at += r.Length;
        }
        return new PreprocessedTrack(track.TrackId, (int)track.StartFrame, frames, track.CropSize, crops, lips, valid, Fallback: false);
    }

    /// <summary>Where the sample's runs start in a face of <paramref name="length"/> frames: <see cref="Runs"/> runs of
    /// <paramref name="maxFrames"/> / <see cref="Runs"/> frames, the first at frame 0, the last ending on the last frame.</summary>
    public static int[] RunStarts(int length, int maxFrames)
    {
        var run = maxFrames / Runs;
        if (run < 1 || length <= maxFrames) throw new ArgumentOutOfRangeException(nameof(maxFrames), maxFrames, $"a sample needs at least {Runs} frames and fewer than the face's {length}");
        return [.. Enumerable.Range(0, Runs).Select(k => (int)((long)k * (length - run) / (Runs - 1)))];
    }
}
