namespace LipSyncGuard.Audio;

/// <summary>A log-mel spectrogram: <see cref="FrameCount"/> rows of <see cref="BinCount"/> values, row-major, frame
/// <c>t</c> centred on time <c>t / FramesPerSecond</c>.</summary>
public sealed class MelSpectrogram
{
    private readonly float[] _values;

    /// <summary>Wraps <paramref name="values"/> (taken, not copied) as <paramref name="frameCount"/> × <paramref name="binCount"/>.</summary>
    public MelSpectrogram(float[] values, int frameCount, int binCount, double framesPerSecond)
    {
        ArgumentNullException.ThrowIfNull(values);
        ArgumentOutOfRangeException.ThrowIfNegative(frameCount);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(binCount);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(framesPerSecond);
        if (values.Length != (long)frameCount * binCount)
            throw new ArgumentException($"expected {frameCount} × {binCount} = {(long)frameCount * binCount} values, got {values.Length}", nameof(values));
        _values = values;
        FrameCount = frameCount;
        BinCount = binCount;
        FramesPerSecond = framesPerSecond;
    }

    /// <summary>Number of frames (rows).</summary>
    public int FrameCount { get; }

    /// <summary>Mel bins per frame (columns).</summary>
    public int BinCount { get; }

    /// <summary>Frames per second (100 with the default 10 ms hop).</summary>
    public double FramesPerSecond { get; }

    /// <summary>All values, frame after frame.</summary>
    public ReadOnlySpan<float> Values => _values;

    /// <summary>The value of bin <paramref name="bin"/> in frame <paramref name="frame"/>.</summary>
    public float this[int frame, int bin] => Frame(frame)[bin];

    /// <summary>The <see cref="BinCount"/> values of one frame.</summary>
    public ReadOnlySpan<float> Frame(int frame)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(frame);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(frame, FrameCount);
        return _values.AsSpan(frame * BinCount, BinCount);
    }

    /// <summary>The first mel frame of video frame <paramref name="videoFrame"/> at <paramref name="videoFps"/>: 4k at
    /// 25 fps with a 10 ms hop, so video frame k ↔ mel frames 4k…4k+3.</summary>
    public int FirstFrameOfVideoFrame(int videoFrame, double videoFps = 25)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(videoFrame);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(videoFps);
        return (int)Math.Round(videoFrame * FramesPerSecond / videoFps);
    }

    /// <summary>A copy of the values, frame after frame.</summary>
    public float[] ToArray() => (float[])_values.Clone();
}
