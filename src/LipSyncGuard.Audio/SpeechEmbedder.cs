using LipSyncGuard.Media;
using Microsoft.ML.OnnxRuntime;

namespace LipSyncGuard.Audio;

/// <summary>What is being said, on the video clock: openWakeWord's speech embedding (Google's <c>speech_embedding</c>,
/// trained on a large speech corpus to tell spoken sounds apart) of the 0.76 s of audio centred on a frame — 96 values
/// that name the sounds being spoken, which is what a mouth's shape follows, where a log-mel row mostly says how loud
/// each band is. Two ONNX models: a 32-band mel front end (512-sample window, 160-sample hop) and the embedding network
/// over 76 of its frames. Owns both sessions; dispose it. Calls are serialised.</summary>
public sealed class SpeechEmbedder : IDisposable
{
    /// <summary>The rate the models run at.</summary>
    public const int SampleRate = 16000;

    /// <summary>Values per embedding.</summary>
    public const int Dimensions = 96;

    /// <summary>Mel frames one embedding reads (0.76 s).</summary>
    public const int WindowFrames = 76;

    private const int MelBands = 32;
    private const int Hop = 160;
    private const int FftSize = 512;

    /// <summary>Mel frames computed per front-end call: bounds its memory on long soundtracks (a call's frames depend
    /// only on their own samples, so chunks give the same frames as one call).</summary>
    private const int ChunkFrames = 3000;

    /// <summary>Windows embedded per call.</summary>
    private const int Batch = 32;

    private readonly SpeechEmbedderOptions _options;
    private readonly RunOptions _run = new();
    private InferenceSession? _mel;
    private InferenceSession? _embedding;
    private readonly Lock _gate = new();
    private bool _disposed;

    /// <summary>Finds the two models (see <see cref="SpeechEmbedderOptions.ModelDirectory"/>); their sessions load on the
    /// first <see cref="Embed"/>, which the analysis runs beside the frame pass, not before the first frame.</summary>
    /// <exception cref="FileNotFoundException">A model file is missing: run <c>./setup.sh</c>.</exception>
    public SpeechEmbedder(SpeechEmbedderOptions? options = null)
    {
        _options = options ?? SpeechEmbedderOptions.Default;
        _options.Validate();
        ModelDirectory = ResolveDirectory(_options.ModelDirectory);
    }

    /// <summary>The folder the models were loaded from.</summary>
    public string ModelDirectory { get; }

    /// <summary><paramref name="frameCount"/> × <see cref="Dimensions"/> values: video frame k at <paramref name="fps"/>
    /// gets the embedding of the window centred on its middle, computed on every <see cref="SpeechEmbedderOptions.Stride"/>-th
    /// frame and interpolated between (a window moves 0.04 s of 0.76 s per frame). Audio beyond the clip reads as its
    /// quietest mel value (silence). A frame's values do not depend on <paramref name="frameCount"/>, so embedding more
    /// frames than the video turns out to have and keeping the first is exact. <paramref name="clip"/> must be 16 kHz.</summary>
    public float[] Embed(AudioClip clip, int frameCount, double fps, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(clip);
        if (clip.SampleRate != SampleRate) throw new ArgumentException($"expected audio at {SampleRate} Hz, got {clip.SampleRate} Hz", nameof(clip));
        ArgumentOutOfRangeException.ThrowIfNegative(frameCount);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(fps);
        if (frameCount == 0) return [];
        float[] all;
        int last;
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            Load();
            var (mel, melFrames) = Mel(clip.Samples, cancellationToken);
            var floor = melFrames == 0 ? 0f : mel.Min();
            // Every stride-th frame from 0, up to the first at or past the last frame.
            var stride = _options.Stride;
            var computed = new List<int>();
            for (var k = 0; k - stride < frameCount - 1; k += stride) computed.Add(k);
            last = computed[^1];
            all = new float[(last + 1) * Dimensions];
            var input = new float[Batch * WindowFrames * MelBands];
            for (var first = 0; first < computed.Count; first += Batch)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var n = Math.Min(Batch, computed.Count - first);
                for (var j = 0; j < n; j++) Window(mel, melFrames, floor, CentreFrame(computed[first + j], fps), input.AsSpan(j * WindowFrames * MelBands, WindowFrames * MelBands));
                using var tensor = OrtValue.CreateTensorValueFromMemory(OrtMemoryInfo.DefaultInstance, input.AsMemory(0, n * WindowFrames * MelBands), [n, WindowFrames, MelBands, 1]);
                using var outputs = _embedding!.Run(_run, [_embedding.InputNames[0]], [tensor], [_embedding.OutputNames[0]]);
                var values = outputs[0].GetTensorDataAsSpan<float>();
                for (var j = 0; j < n; j++) values.Slice(j * Dimensions, Dimensions).CopyTo(all.AsSpan(computed[first + j] * Dimensions, Dimensions));
            }
            for (var c = 1; c < computed.Count; c++) Interpolate(all, computed[c - 1], computed[c]);
        }
        return frameCount == last + 1 ? all : all[..(frameCount * Dimensions)];
    }

    private void Load()
    {
        if (_embedding is not null) return;
        NativeEnvironment.DisableOnnxRuntimeTelemetry();
        using var sessionOptions = new SessionOptions
        {
            IntraOpNumThreads = _options.IntraOpThreads,
            InterOpNumThreads = 1,
            ExecutionMode = ExecutionMode.ORT_SEQUENTIAL,
            LogSeverityLevel = OrtLoggingLevel.ORT_LOGGING_LEVEL_ERROR,
        };
        _mel ??= new InferenceSession(Path.Combine(ModelDirectory, SpeechEmbedderOptions.MelFileName), sessionOptions);
        _embedding = new InferenceSession(Path.Combine(ModelDirectory, SpeechEmbedderOptions.EmbeddingFileName), sessionOptions);
    }

    /// <summary>The mel frame at the middle of video frame <paramref name="frame"/> (mel frame m is centred on sample
    /// 160·m + 256).</summary>
    private static int CentreFrame(int frame, double fps) => (int)Math.Round((((frame + 0.5) / fps * SampleRate) - (FftSize / 2)) / Hop);

    /// <summary>The 76 mel frames centred on <paramref name="centre"/>, scaled as openWakeWord feeds them (x / 10 + 2).</summary>
    private static void Window(float[] mel, int melFrames, float floor, int centre, Span<float> window)
    {
        for (var t = 0; t < WindowFrames; t++)
        {
            var source = centre - (WindowFrames / 2) + t;
            var row = window.Slice(t * MelBands, MelBands);
            if (source < 0 || source >= melFrames) row.Fill(floor);
            else mel.AsSpan(source * MelBands, MelBands).CopyTo(row);
        }
    }

    private static void Interpolate(float[] result, int from, int to)
    {
        for (var k = from + 1; k < to; k++)
        {
            var w = (float)(k - from) / (to - from);
            for (var d = 0; d < Dimensions; d++) result[(k * Dimensions) + d] = ((1 - w) * result[(from * Dimensions) + d]) + (w * result[(to * Dimensions) + d]);
        }
    }

    /// <summary>The front end's mel frames of <paramref name="samples"/> (scaled to 16-bit range, as the model expects),
    /// <see cref="ChunkFrames"/> at a time, already scaled for the embedding network.</summary>
    private (float[] Mel, int Frames) Mel(ReadOnlySpan<float> samples, CancellationToken cancellationToken)
    {
        var frames = samples.Length < FftSize ? 0 : ((samples.Length - FftSize) / Hop) + 1;
        var mel = new float[frames * MelBands];
        var chunk = new float[(ChunkFrames * Hop) + (FftSize - Hop)];
        for (var first = 0; first < frames; first += ChunkFrames)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var count = Math.Min(ChunkFrames, frames - first);
            var length = ((count - 1) * Hop) + FftSize;
            var source = samples.Slice(first * Hop, length);
            for (var i = 0; i < length; i++) chunk[i] = source[i] * short.MaxValue;
            using var tensor = OrtValue.CreateTensorValueFromMemory(OrtMemoryInfo.DefaultInstance, chunk.AsMemory(0, length), [1, length]);
            using var outputs = _mel!.Run(_run, [_mel.InputNames[0]], [tensor], [_mel.OutputNames[0]]);
            var values = outputs[0].GetTensorDataAsSpan<float>();
            if (values.Length != count * MelBands) throw new InvalidOperationException($"the mel model gave {values.Length / MelBands} frames for {count}");
            var target = mel.AsSpan(first * MelBands, count * MelBands);
            for (var i = 0; i < target.Length; i++) target[i] = (values[i] / 10f) + 2f;
        }
        return (mel, frames);
    }

    /// <summary>Releases the ONNX sessions.</summary>
    public void Dispose()
    {
        lock (_gate)
        {
            if (_disposed) return;
            _disposed = true;
            _mel?.Dispose();
            _embedding?.Dispose();
            _run.Dispose();
        }
    }

    private static string ResolveDirectory(string? configured)
    {
        var probe = Path.Combine(SpeechEmbedderOptions.DefaultDirectoryName, SpeechEmbedderOptions.MelFileName);
        if (configured is not null)
        {
            return File.Exists(Path.Combine(configured, SpeechEmbedderOptions.MelFileName)) && File.Exists(Path.Combine(configured, SpeechEmbedderOptions.EmbeddingFileName))
                ? configured
                : throw new FileNotFoundException($"speech embedding models not found in '{configured}'; run ./setup.sh to fetch models/{SpeechEmbedderOptions.DefaultDirectoryName}/", configured);
        }
        var found = ModelFiles.Locate(probe, out var searched)
            ?? throw new FileNotFoundException(
                $"speech embedding models '{probe}' not found in {string.Join(", ", searched.Take(3))}…; run ./setup.sh to fetch them into models/", probe);
        return Path.GetDirectoryName(found)!;
    }
}
