namespace LipSyncGuard.Sync;

/// <summary>One face track's signals on the video frame clock, the input of every sync computation.</summary>
/// <remarks>Arrays are row-major: frame t's values start at <c>t × width</c>.</remarks>
public sealed record SyncTrack
{
    /// <summary>Creates a track and checks that the arrays agree on the frame count.</summary>
    public SyncTrack(int frameCount, float[] audio, int audioWidth, float[] lips, int lipWidth, bool[] lipValid, float[] speech)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(frameCount);
        ArgumentOutOfRangeException.ThrowIfLessThan(audioWidth, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(lipWidth, 1);
        Check(audio.Length, frameCount * audioWidth, nameof(audio));
        Check(lips.Length, frameCount * lipWidth, nameof(lips));
        Check(lipValid.Length, frameCount, nameof(lipValid));
        Check(speech.Length, frameCount, nameof(speech));
        (FrameCount, Audio, AudioWidth, Lips, LipWidth, LipValid, Speech) = (frameCount, audio, audioWidth, lips, lipWidth, lipValid, speech);
    }

    /// <summary>Frames on the video clock.</summary>
    public int FrameCount { get; }

    /// <summary>Audio features per frame (e.g. log-mel pooled to the frame rate), <see cref="AudioWidth"/> per frame.</summary>
    public float[] Audio { get; }

    /// <summary>Audio values per frame.</summary>
    public int AudioWidth { get; }

    /// <summary>Lip kinematics per frame (scale-normalised distances), <see cref="LipWidth"/> per frame.</summary>
    public float[] Lips { get; }

    /// <summary>Lip values per frame.</summary>
    public int LipWidth { get; }

    /// <summary>False where the frame has no trustworthy landmarks (no face, strong yaw, shape jump).</summary>
    public bool[] LipValid { get; }

    /// <summary>Speech probability per frame, 0…1.</summary>
    public float[] Speech { get; }

    /// <summary>The same mouth with the audio (features and speech) moved <paramref name="frames"/> later (positive) or
    /// earlier; frames without audio become silence. Used to make shifted negatives and to test offset recovery.</summary>
    public SyncTrack WithAudioShift(int frames)
    {
        var audio = new float[Audio.Length];
        var speech = new float[Speech.Length];
        for (var t = 0; t < FrameCount; t++)
        {
            var source = t - frames;
            if (source < 0 || source >= FrameCount) continue;
            Array.Copy(Audio, source * AudioWidth, audio, t * AudioWidth, AudioWidth);
            speech[t] = Speech[source];
        }
        return new SyncTrack(FrameCount, audio, AudioWidth, Lips, LipWidth, LipValid, speech);
    }

    /// <summary>This mouth with another track's audio (trimmed or padded with silence to this length).</summary>
    public SyncTrack WithAudioFrom(SyncTrack other)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (other.AudioWidth != AudioWidth) throw new ArgumentException($"audio width {other.AudioWidth} != {AudioWidth}", nameof(other));
        var audio = new float[Audio.Length];
        var speech = new float[Speech.Length];
        var n = Math.Min(FrameCount, other.FrameCount);
        Array.Copy(other.Audio, audio, n * AudioWidth);
        Array.Copy(other.Speech, speech, n);
        return new SyncTrack(FrameCount, audio, AudioWidth, Lips, LipWidth, LipValid, speech);
    }

    private static void Check(int actual, int expected, string name)
    {
        if (actual != expected) throw new ArgumentException($"{name} has {actual} values, expected {expected}", name);
    }
}
