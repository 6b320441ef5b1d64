using System.Text.Json.Serialization;

namespace LipSyncGuard.Sync;

/// <summary>What the sync regression reads from the soundtrack on each video frame.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<SyncAudio>))]
public enum SyncAudio
{
    /// <summary>40 pooled log-mel bands (<c>FrameAudioFeatures</c>): how loud each band is; the measure of stops 13–31.</summary>
    LogMel,

    /// <summary>The 96-value speech embedding of the 0.76 s around the frame (<c>SpeechEmbedder</c>): which sounds are
    /// spoken. Held out by person it separates swapped and shifted audio from real clips better than log-mel (bench
    /// <c>sync-lab</c>, docs/benchmarks.md).</summary>
    SpeechEmbedding,
}
