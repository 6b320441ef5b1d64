namespace LipSyncGuard.Audio;

/// <summary>Settings of <see cref="SpeechDetector"/>.</summary>
public sealed record SpeechDetectorOptions
{
    /// <summary>The file name <c>./setup.sh</c> fetches into <c>models/</c>.</summary>
    public const string DefaultModelFileName = "silero_vad_v5.onnx";

    /// <summary>The pipeline's settings: the fetched Silero VAD v5 model, one thread.</summary>
    public static SpeechDetectorOptions Default { get; } = new();

    /// <summary>The ONNX model; null looks for <c>models/silero_vad_v5.onnx</c> in <c>LIPSYNC_MODELS</c>, then above
    /// the application folder, then above the working folder.</summary>
    public string? ModelPath { get; init; }

    /// <summary>Threads ONNX Runtime uses inside one call. One: a 576-sample chunk is far too small to split, and the
    /// pipeline runs files in parallel instead.</summary>
    public int IntraOpThreads { get; init; } = 1;

    /// <summary>Probability at or above which a chunk or frame counts as speech in <see cref="SpeechActivity"/> summaries.</summary>
    public float Threshold { get; init; } = 0.5f;

    /// <summary>Throws <see cref="ArgumentException"/> naming the first setting out of range.</summary>
    public void Validate()
    {
        if (IntraOpThreads < 1) throw new ArgumentException($"IntraOpThreads must be at least 1, was {IntraOpThreads}");
        if (Threshold is <= 0 or >= 1) throw new ArgumentException($"Threshold must be in (0, 1), was {Threshold}");
        if (ModelPath is { Length: 0 }) throw new ArgumentException("ModelPath must not be empty (null finds the default)");
    }
}
