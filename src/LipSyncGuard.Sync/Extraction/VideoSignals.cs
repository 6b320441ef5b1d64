using LipSyncGuard.Audio;
using LipSyncGuard.Faces;
using LipSyncGuard.Media;

namespace LipSyncGuard.Sync.Extraction;

/// <summary>Everything the sync measure (and later the model) needs from one video, on the 25 fps frame clock. Dispose it:
/// its tracks' mouth crops may lie in temporary files.</summary>
/// <param name="Info">The probed file.</param>
/// <param name="Faces">Tracks and the selection.</param>
/// <param name="FrameCount">Decoded frames.</param>
/// <param name="Fps">The frame clock.</param>
/// <param name="FrameWidth">Width of the decoded frames (boxes are in these pixels).</param>
/// <param name="FrameHeight">Height of the decoded frames.</param>
/// <param name="Audio">Audio features per frame (<see cref="AudioWidth"/> each), of the kind <see cref="AudioKind"/>.</param>
/// <param name="AudioWidth">Audio values per frame.</param>
/// <param name="Speech">Speech probability per frame.</param>
/// <param name="Tracks">Lip signals per track id (every track the tracker kept).</param>
public sealed record VideoSignals(
    MediaInfo Info,
    FaceAnalysis Faces,
    int FrameCount,
    double Fps,
    int FrameWidth,
    int FrameHeight,
    float[] Audio,
    int AudioWidth,
    float[] Speech,
    IReadOnlyDictionary<int, TrackSignals> Tracks) : IDisposable
{
    /// <summary>What <see cref="Audio"/> holds.</summary>
    public SyncAudio AudioKind { get; init; } = SyncAudio.LogMel;

    /// <summary>The full log-mel spectrogram (100 fps; video frame k ↔ mel frames 4k…4k+3): window extraction needs the
    /// mel itself, not the per-frame summary, and plots read its energy; null only where signals were built without it.</summary>
    public MelSpectrogram? Mel { get; init; }

    /// <summary>Whether the soundtrack is mostly music (or another sustained sound) rather than speech; null when not
    /// measured.</summary>
    public MusicEstimate? Music { get; init; }

    /// <summary>Centre-crop fallbacks, one per frame (<see cref="FallbackCropSize"/>² × 3 bytes each), kept with mouth
    /// crops for videos where no face is found; else null.</summary>
    public byte[]? FallbackCrops { get; init; }

    /// <summary>Side of <see cref="FallbackCrops"/>.</summary>
    public int FallbackCropSize { get; init; }

    /// <summary>Share of frames with speech probability ≥ <paramref name="threshold"/>.</summary>
    public double SpeechFraction(float threshold = 0.5f) => Speech.Length == 0 ? 0 : Speech.Count(p => p >= threshold) / (double)Speech.Length;

    /// <summary>The sync input of one track: its frames' lips beside the audio and speech of the same frames.</summary>
    public SyncTrack ToSyncTrack(int trackId)
    {
        var track = Tracks[trackId];
        var n = track.Length;
        var start = (int)track.StartFrame;
        var audio = new float[n * AudioWidth];
        var speech = new float[n];
        for (var t = 0; t < n && start + t < FrameCount; t++)
        {
            Array.Copy(Audio, (start + t) * AudioWidth, audio, t * AudioWidth, AudioWidth);
            speech[t] = Speech[start + t];
        }
        return new SyncTrack(n, audio, AudioWidth, [.. track.Lips], TrackSignals.LipWidth, [.. track.Valid], speech);
    }

    /// <summary>Releases the tracks' crops.</summary>
    public void Dispose()
    {
        foreach (var track in Tracks.Values) track.Dispose();
    }
}
