namespace LipSyncGuard.Audio;

/// <summary>Settings of <see cref="SpeechEmbedder"/>.</summary>
public sealed record SpeechEmbedderOptions
{
    /// <summary>The folder under <c>models/</c> that <c>./setup.sh</c> fetches the two models into.</summary>
    public const string DefaultDirectoryName = "speech-embedding";

    /// <summary>The mel front end's file name.</summary>
    public const string MelFileName = "melspectrogram.onnx";

    /// <summary>The embedding network's file name.</summary>
    public const string EmbeddingFileName = "embedding_model.onnx";

    /// <summary>The pipeline's settings: the fetched models, one thread, every second frame embedded.</summary>
    public static SpeechEmbedderOptions Default { get; } = new();

    /// <summary>The folder holding both models; null looks for <c>models/speech-embedding/</c> in <c>LIPSYNC_MODELS</c>,
    /// then above the application folder, then above the working folder.</summary>
    public string? ModelDirectory { get; init; }

    /// <summary>Threads ONNX Runtime uses inside one call. One: the embedding runs beside the frame pass, on the core
    /// the face stages leave idle.</summary>
    public int IntraOpThreads { get; init; } = 1;

    /// <summary>Every Stride-th video frame is embedded, the frames between interpolated. 2 (0.08 s at 25 fps, the hop
    /// openWakeWord itself uses) halves the cost; the windows are 0.76 s wide, so neighbours differ little.</summary>
    public int Stride { get; init; } = 2;

    /// <summary>Throws <see cref="ArgumentException"/> naming the first setting out of range.</summary>
    public void Validate()
    {
        if (IntraOpThreads < 1) throw new ArgumentException($"IntraOpThreads must be at least 1, was {IntraOpThreads}");
        if (Stride is < 1 or > 8) throw new ArgumentException($"Stride must be in 1…8, was {Stride}");
        if (ModelDirectory is { Length: 0 }) throw new ArgumentException("ModelDirectory must not be empty (null finds the default)");
    }
}
