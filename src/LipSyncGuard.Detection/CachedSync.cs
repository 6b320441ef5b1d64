using LipSyncGuard.Audio;
using LipSyncGuard.Data;
using LipSyncGuard.Sync;
using LipSyncGuard.Sync.Extraction;

namespace LipSyncGuard.Detection;

/// <summary>The landmark sync measure on a preprocessed (cached) video, so evaluation can report it — and the detector
/// can be fused with it — on exactly the videos and face tracks the detector saw, without decoding again.</summary>
public static class CachedSync
{
    /// <summary>The probability that the worst kept face's lips do not match the audio (1 − sync score), or null when no
    /// track has enough speech with trusted landmarks to be judged.</summary>
    public static double? Manipulation(PreprocessedVideo video, SyncScorer scorer)
    {
        ArgumentNullException.ThrowIfNull(video);
        ArgumentNullException.ThrowIfNull(scorer);
        double? worst = null;
        foreach (var track in Tracks(video, scorer.Model.Options.Audio))
        {
            var result = scorer.Score(track);
            if (result.IsJudged) worst = Math.Max(worst ?? 0, 1 - result.Score);
        }
        return worst;
    }

    /// <summary>The sync measure's input, with audio features of <paramref name="kind"/>, for each kept face track (the
    /// centre-crop fallback has no lips and is skipped).</summary>
    public static IEnumerable<SyncTrack> Tracks(PreprocessedVideo video, SyncAudio kind)
    {
        ArgumentNullException.ThrowIfNull(video);
        var (audio, width) = Audio(video, kind);
        return video.Tracks.Where(t => !t.Fallback).Select(t => Track(video, t, audio, width)).OfType<SyncTrack>();
    }

    /// <summary>The sync measure's input, with audio features of <paramref name="kind"/>, for one track of
    /// <paramref name="video"/>, or null when it has no frame inside the video's audio.</summary>
    public static SyncTrack? Track(PreprocessedVideo video, PreprocessedTrack track, SyncAudio kind)
    {
        ArgumentNullException.ThrowIfNull(video);
        ArgumentNullException.ThrowIfNull(track);
        var (audio, width) = Audio(video, kind);
        return Track(video, track, audio, width);
    }

    /// <summary>The per-frame audio features of <paramref name="kind"/>: the speech embeddings the entry holds, or the
    /// log-mel rows pooled from its mel.</summary>
    private static (float[] Audio, int Width) Audio(PreprocessedVideo video, SyncAudio kind)
    {
        if (kind == SyncAudio.SpeechEmbedding)
        {
            return video.Embedding.Length == video.FrameCount * SpeechEmbedder.Dimensions
                ? (video.Embedding, SpeechEmbedder.Dimensions)
                : throw new InvalidOperationException($"'{video.Item.Path}' was preprocessed without speech embeddings, which this sync measure reads; preprocess it again");
        }
        var mel = new MelSpectrogram(video.Mel, video.FrameCount * SampleWindow.MelPerFrame, video.MelBins, 25.0 * SampleWindow.MelPerFrame);
        return (FrameAudioFeatures.Compute(mel, video.FrameCount), FrameAudioFeatures.Width(mel));
    }

    private static SyncTrack? Track(PreprocessedVideo video, PreprocessedTrack track, float[] audio, int width)
    {
        var n = Math.Min(track.Length, video.FrameCount - track.StartFrame);
        if (n <= 0) return null;
        return new SyncTrack(n, audio.AsSpan(track.StartFrame * width, n * width).ToArray(), width,
            track.Lips.AsSpan(0, n * PreprocessedTrack.LipWidth).ToArray(), PreprocessedTrack.LipWidth, track.LipValid.AsSpan(0, n).ToArray(),
            video.Speech.AsSpan(track.StartFrame, n).ToArray());
    }
}
