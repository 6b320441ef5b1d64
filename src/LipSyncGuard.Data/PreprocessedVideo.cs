namespace LipSyncGuard.Data;

/// <summary>Everything training needs from one video, computed once: the log-mel of the whole clip on the frame clock,
/// speech per frame and the kept face tracks' crops and lip measures. Cut into windows with <see cref="Windows"/>.</summary>
/// <param name="Item">The dataset item (label, group, kind).</param>
/// <param name="FrameCount">Video frames on the 25 fps clock.</param>
/// <param name="DurationSeconds">Media duration.</param>
/// <param name="MelBins">Mel bins per mel frame.</param>
/// <param name="Mel">4 × FrameCount × MelBins log-mel values (video frame k ↔ rows 4k…4k+3), float16 precision.</param>
/// <param name="Speech">FrameCount speech probabilities.</param>
/// <param name="Tracks">The kept face tracks (one centre-crop fallback track when no face was found).</param>
public sealed record PreprocessedVideo(
    DatasetItem Item, int FrameCount, double DurationSeconds, int MelBins, float[] Mel, float[] Speech, IReadOnlyList<PreprocessedTrack> Tracks)
{
    /// <summary>FrameCount × <c>SpeechEmbedder.Dimensions</c> speech embeddings (what the sync measure reads), float16
    /// precision; empty when extracted without them.</summary>
    public float[] Embedding { get; init; } = [];

    /// <summary>The windows of every track: T frames from each track start, hopping by the window hop; a track shorter
    /// than T gives none.</summary>
    public IEnumerable<SampleWindow> Windows(WindowOptions? options = null)
    {
        options = (options ?? WindowOptions.Default).Validate();
        return WindowStarts(options).Select(start => Window(start.Track, start.Offset, options.Frames));
    }

    /// <summary>Where <see cref="Windows"/> cuts, without copying any pixels: callers that keep only some windows
    /// (evenly thinned per video) cut just those.</summary>
    public IReadOnlyList<(PreprocessedTrack Track, int Offset)> WindowStarts(WindowOptions? options = null)
    {
        options = (options ?? WindowOptions.Default).Validate();
        var frames = options.Frames;
        var starts = new List<(PreprocessedTrack, int)>();
        foreach (var track in Tracks)
        {
            for (var s = 0; s + frames <= track.Length && track.StartFrame + s + frames <= FrameCount; s += options.EffectiveHop)
                starts.Add((track, s));
        }
        return starts;
    }

    /// <summary>The window of <paramref name="frames"/> frames starting at track frame <paramref name="offset"/>.</summary>
    public SampleWindow Window(PreprocessedTrack track, int offset, int frames)
    {
        ArgumentNullException.ThrowIfNull(track);
        if (offset < 0 || offset + frames > track.Length || track.StartFrame + offset + frames > FrameCount)
            throw new ArgumentOutOfRangeException(nameof(offset), offset, $"window of {frames} frames does not fit track {track.TrackId} ({track.Length} frames from {track.StartFrame})");
        var start = track.StartFrame + offset;
        var melRow = SampleWindow.MelPerFrame * MelBins;
        return new SampleWindow(
            Item.Path, Item.Group, Item.Label, Item.Kind, track.TrackId, start, frames, track.CropSize,
            track.Crops.AsSpan(offset * track.CropBytes, frames * track.CropBytes).ToArray(),
            MelBins, Mel.AsSpan(start * melRow, frames * melRow).ToArray(),
            PreprocessedTrack.LipWidth, track.Lips.AsSpan(offset * PreprocessedTrack.LipWidth, frames * PreprocessedTrack.LipWidth).ToArray(),
            track.LipValid.AsSpan(offset, frames).ToArray(), Speech.AsSpan(start, frames).ToArray(), track.Fallback);
    }
}
