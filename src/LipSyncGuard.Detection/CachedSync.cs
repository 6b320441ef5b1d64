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
        var mel = new MelSpectrogram(video.Mel, video.FrameCount * SampleWindow.MelPerFrame, video.MelBins, 25.0 * SampleWindow.MelPerFrame);
        var audio = FrameAudioFeatures.Compute(mel, video.FrameCount);
        var width = FrameAudioFeatures.Width(mel);
        double? worst = null;
        foreach (var track in video.Tracks.Where(t => !t.Fallback))
        {
            var n = Math.Min(track.Length, video.FrameCount - track.StartFrame);
            if (n <= 0) continue;
            var sync = new SyncTrack(n, audio.AsSpan(track.StartFrame * width, n * width).ToArray(), width,
                track.Lips.AsSpan(0, n * PreprocessedTrack.LipWidth).ToArray(), PreprocessedTrack.LipWidth, track.LipValid.AsSpan(0, n).ToArray(),
                video.Speech.AsSpan(track.StartFrame, n).ToArray());
            var result = scorer.Score(sync);
            if (result.IsJudged) worst = Math.Max(worst ?? 0, 1 - result.Score);
        }
        return worst;
    }
}
