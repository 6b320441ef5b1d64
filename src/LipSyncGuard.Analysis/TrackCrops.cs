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

    /// <summary>Frames [<paramref name="from"/>, <paramref name="to"/>) of <paramref name="track"/> (crops, lips, trust, head,
    /// eye distance, forehead comparisons).</summary>
    public static PreprocessedTrack Slice(TrackSignals track, int from, int to)
    {
        ArgumentNullException.ThrowIfNull(track);
        return Read(track, [from], to - from, (int)track.StartFrame + from);
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
        var sample = Read(track, RunStarts(length, maxFrames), run, (int)track.StartFrame);
        for (var r = 0; r < Runs; r++) sample.LipValid[r * run] = false;
        return sample;
    }

    /// <summary>Runs of <paramref name="run"/> frames from each of <paramref name="starts"/>, back to back, read straight
    /// into one track's arrays.</summary>
    private static PreprocessedTrack Read(TrackSignals track, int[] starts, int run, int startFrame)
    {
        const int width = TrackSignals.LipWidth, headWidth = TrackSignals.HeadWidth;
        var frames = starts.Length * run;
        var bytes = track.CropSize * track.CropSize * 3;
        var crops = new byte[frames * bytes];
        var lips = new float[frames * width];
        var valid = new bool[frames];
        var head = new float[frames * headWidth];
        var forehead = new float[frames];
        var eyes = new float[frames];
        for (var r = 0; r < starts.Length; r++)
        {
            var (from, at) = (starts[r], r * run);
            if (bytes > 0) track.ReadCrops(from, run, crops.AsSpan(at * bytes, run * bytes));
            for (var k = 0; k < run * width; k++) lips[(at * width) + k] = track.Lips[(from * width) + k];
            for (var t = 0; t < run; t++) valid[at + t] = track.Valid[from + t];
            for (var k = 0; k < run * headWidth; k++) head[(at * headWidth) + k] = track.Head[(from * headWidth) + k];
            for (var t = 0; t < run; t++)
            {
                forehead[at + t] = track.Forehead[from + t];
                eyes[at + t] = track.EyeDistance[from + t];
            }
        }
        return new PreprocessedTrack(track.TrackId, startFrame, frames, track.CropSize, crops, lips, valid, Fallback: false) { Head = head, Forehead = forehead, EyeDistance = eyes };
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
