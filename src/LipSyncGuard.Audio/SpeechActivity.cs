namespace LipSyncGuard.Audio;

/// <summary>Speech probability per 32 ms chunk of a clip (chunk <c>c</c> covers samples 512c…512c+511 at 16 kHz),
/// with views on the video frame clock.</summary>
public sealed class SpeechActivity
{
    private readonly float[] _probabilities;

    /// <summary>Wraps <paramref name="chunkProbabilities"/> (taken, not copied).</summary>
    public SpeechActivity(float[] chunkProbabilities, double chunkSeconds, float threshold)
    {
        ArgumentNullException.ThrowIfNull(chunkProbabilities);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(chunkSeconds);
        _probabilities = chunkProbabilities;
        ChunkSeconds = chunkSeconds;
        Threshold = threshold;
    }

    /// <summary>Speech probability (0…1) of each chunk.</summary>
    public ReadOnlySpan<float> ChunkProbabilities => _probabilities;

    /// <summary>Length of one chunk in seconds (0.032).</summary>
    public double ChunkSeconds { get; }

    /// <summary>Probability at or above which a chunk or frame counts as speech.</summary>
    public float Threshold { get; }

    /// <summary>Number of chunks.</summary>
    public int ChunkCount => _probabilities.Length;

    /// <summary>Share of chunks at or above <see cref="Threshold"/> (0 for an empty clip).</summary>
    public double SpeechFraction
    {
        get
        {
            if (_probabilities.Length == 0) return 0;
            var speech = 0;
            foreach (var p in _probabilities) if (p >= Threshold) speech++;
            return (double)speech / _probabilities.Length;
        }
    }

    /// <summary>Speech probability per video frame: frame <c>k</c> (time k/fps … (k+1)/fps) gets the mean of the chunks
    /// that overlap it, weighted by overlap. <paramref name="frameCount"/> defaults to the frames the audio covers;
    /// frames past the audio get 0.</summary>
    public float[] PerVideoFrame(double fps = 25, int? frameCount = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(fps);
        var audioSeconds = _probabilities.Length * ChunkSeconds;
        var count = frameCount ?? (int)Math.Ceiling(audioSeconds * fps - 1e-9);
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var frames = new float[count];
        for (var k = 0; k < count; k++)
        {
            double start = k / fps, end = Math.Min((k + 1) / fps, audioSeconds);
            if (end <= start) continue;
            double sum = 0;
            var first = (int)(start / ChunkSeconds);
            var last = Math.Min(_probabilities.Length - 1, (int)Math.Ceiling(end / ChunkSeconds) - 1);
            for (var c = first; c <= last; c++)
            {
                var overlap = Math.Min(end, (c + 1) * ChunkSeconds) - Math.Max(start, c * ChunkSeconds);
                if (overlap > 0) sum += overlap * _probabilities[c];
            }
            frames[k] = (float)(sum / (end - start));
        }
        return frames;
    }
}
