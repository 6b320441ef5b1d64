using LipSyncGuard.Sync;
using LipSyncGuard.Audio;
using LipSyncGuard.Faces.Landmarks;
using LipSyncGuard.Media;
using LipSyncGuard.Sync.Extraction;

namespace LipSyncGuard.Data;

/// <summary>Turns a dataset item into a <see cref="PreprocessedVideo"/> in one streaming pass of
/// <see cref="SignalExtractor"/> (decode → detect → track → landmarks, with aligned mouth crops kept per track), beside
/// the log-mel of the item's audio (its AVLips wav when given). Holds ONNX sessions: dispose it.</summary>
public sealed class WindowExtractor : IDisposable
{
    private readonly SignalExtractor _signals;

    /// <summary>Loads the models; <paramref name="landmarks"/> (large, thread-safe) may be shared between extractors.</summary>
    public WindowExtractor(PreprocessOptions? options = null, LandmarkDetector? landmarks = null)
    {
        Options = (options ?? PreprocessOptions.Default).Validate();
        _signals = new SignalExtractor(Options.ToExtractorOptions(), landmarks);
    }

    /// <summary>The settings in use.</summary>
    public PreprocessOptions Options { get; }

    /// <summary>Extracts <paramref name="item"/>. Throws <see cref="MediaException"/> for unreadable media.</summary>
    public async Task<PreprocessedVideo> ExtractAsync(DatasetItem item, MediaLimits? limits = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(item);
        using var signals = await _signals.ExtractAsync(item.Path, item.AudioPath, limits, cancellationToken: cancellationToken).ConfigureAwait(false);
        return ToPreprocessed(item, signals, signals.Faces.Selected.Select(t => t.Id));
    }

    /// <summary>The windows' view of extracted signals: the log-mel on the frame clock and, per listed track, its crops and
    /// lip measures over the frames that have crops (a centre-crop fallback track when none has). Training (through the
    /// cache) and analysis both cut their windows from this, so the model sees the same inputs in both.</summary>
    public static PreprocessedVideo ToPreprocessed(DatasetItem item, VideoSignals signals, IEnumerable<int> trackIds)
    {
        ArgumentNullException.ThrowIfNull(item);
        ArgumentNullException.ThrowIfNull(signals);
        ArgumentNullException.ThrowIfNull(trackIds);
        var frames = signals.FrameCount;
        var mel = signals.Mel ?? throw new InvalidOperationException("the signal extractor kept no mel spectrogram (no mouth crops configured)");
        var tracks = new List<PreprocessedTrack>();
        foreach (var id in trackIds)
        {
            if (!signals.Tracks.TryGetValue(id, out var track) || track.CropFrames == 0) continue;
            // Never past the decoded frames (the mel ends there).
            var length = Math.Min(track.CropFrames, frames - (int)track.StartFrame);
            if (length <= 0) continue;
            tracks.Add(new PreprocessedTrack(
                track.TrackId, (int)track.StartFrame, length, track.CropSize, track.ReadCrops(0, length),
                [.. track.Lips.Take(length * TrackSignals.LipWidth)], [.. track.Valid.Take(length)], Fallback: false)
            {
                Head = [.. track.Head.Take(length * TrackSignals.HeadWidth)],
                Forehead = [.. track.Forehead.Take(length)],
                EyeDistance = [.. track.EyeDistance.Take(length)],
            });
        }
        if (tracks.Count == 0 && signals.FallbackCrops is { } fallback && frames > 0)
        {
            var size = signals.FallbackCropSize;
            var length = Math.Min(frames, fallback.Length / (size * size * 3));
            tracks.Add(new PreprocessedTrack(0, 0, length, size, fallback[..(length * size * size * 3)], new float[length * TrackSignals.LipWidth], new bool[length], Fallback: true));
        }
        return new PreprocessedVideo(item, frames, signals.Info.Duration.TotalSeconds, mel.BinCount, MelOnFrameClock(mel, frames), signals.Speech, tracks)
        {
            // Rounded as the cache stores them, like the mel.
            Embedding = signals.AudioKind == SyncAudio.SpeechEmbedding ? [.. signals.Audio.AsSpan(0, frames * signals.AudioWidth).ToArray().Select(v => (float)(Half)v)] : [],
        };
    }

    /// <summary>Rows 0…4·frames−1 of the mel, rounded to float16 (what the cache stores, so cached and fresh windows are
    /// identical); rows past the end of the audio get the clip's quietest value (silence), not zeros.</summary>
    internal static float[] MelOnFrameClock(MelSpectrogram mel, int frames)
    {
        var bins = mel.BinCount;
        var rows = frames * SampleWindow.MelPerFrame;
        var values = mel.Values;
        var floor = float.MaxValue;
        foreach (var v in values) floor = Math.Min(floor, v);
        if (values.IsEmpty) floor = 0;
        var result = new float[rows * bins];
        var copied = Math.Min(rows, mel.FrameCount) * bins;
        for (var i = 0; i < copied; i++) result[i] = (float)(Half)values[i];
        result.AsSpan(copied).Fill((float)(Half)floor);
        return result;
    }

    /// <summary>Releases the ONNX sessions.</summary>
    public void Dispose() => _signals.Dispose();
}
