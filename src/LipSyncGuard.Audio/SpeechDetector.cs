using LipSyncGuard.Media;
using Microsoft.ML.OnnxRuntime;

namespace LipSyncGuard.Audio;

/// <summary>Speech activity with Silero VAD v5 on ONNX Runtime: one probability per 32 ms of 16 kHz audio. Owns the
/// ONNX session; dispose it. Calls are serialised (the recurrent state is per call, the buffers per instance).</summary>
public sealed class SpeechDetector : IDisposable
{
    /// <summary>The rate the model runs at.</summary>
    public const int SampleRate = 16000;

    /// <summary>New samples per model call (32 ms).</summary>
    public const int ChunkSamples = 512;

    /// <summary>Samples of the previous chunk repeated before each chunk, as Silero's own wrapper does at 16 kHz.</summary>
    public const int ContextSamples = 64;

    private const int StateSize = 2 * 1 * 128;
    private static readonly string[] InputNames = ["input", "state", "sr"];
    private static readonly string[] OutputNames = ["output", "stateN"];

    private readonly SpeechDetectorOptions _options;
    private readonly float[] _input = new float[ContextSamples + ChunkSamples];
    private readonly float[] _state = new float[StateSize];
    private readonly float[] _stateOut = new float[StateSize];
    private readonly float[] _probability = new float[1];
    private readonly Lock _gate = new();
    private (InferenceSession Session, RunOptions Run, OrtValue[] Inputs, OrtValue[] Outputs)? _open;
    private bool _disposed;

    /// <summary>Finds the model (see <see cref="SpeechDetectorOptions.ModelPath"/>); its session loads on the first
    /// <see cref="Detect(AudioClip)"/>, which the analysis runs beside the frame pass, not before the first frame.</summary>
    /// <exception cref="FileNotFoundException">The model file is missing: run <c>./setup.sh</c>.</exception>
    public SpeechDetector(SpeechDetectorOptions? options = null)
    {
        _options = options ?? SpeechDetectorOptions.Default;
        _options.Validate();
        ModelPath = ResolveModel(_options.ModelPath);
    }

    /// <summary>The model file in use.</summary>
    public string ModelPath { get; }

    /// <summary>Speech probabilities of <paramref name="clip"/>, which must be 16 kHz.</summary>
    public SpeechActivity Detect(AudioClip clip)
    {
        ArgumentNullException.ThrowIfNull(clip);
        if (clip.SampleRate != SampleRate) throw new ArgumentException($"expected audio at {SampleRate} Hz, got {clip.SampleRate} Hz", nameof(clip));
        return Detect(clip.Samples);
    }

    /// <summary>Speech probabilities of 16 kHz <paramref name="samples"/>, one per 512 (the last chunk zero-padded),
    /// from a fresh state.</summary>
    public SpeechActivity Detect(ReadOnlySpan<float> samples)
    {
        var chunks = (samples.Length + ChunkSamples - 1) / ChunkSamples;
        var probabilities = new float[chunks];
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            var (session, run, inputs, outputs) = _open ??= Open();
            Array.Clear(_input);
            Array.Clear(_state);
            for (var c = 0; c < chunks; c++)
            {
                // Keep the last 64 samples of the previous chunk as context, then the next 512.
                _input.AsSpan(ChunkSamples, ContextSamples).CopyTo(_input);
                var chunk = samples.Slice(c * ChunkSamples, Math.Min(ChunkSamples, samples.Length - c * ChunkSamples));
                chunk.CopyTo(_input.AsSpan(ContextSamples));
                _input.AsSpan(ContextSamples + chunk.Length).Clear();
                session.Run(run, InputNames, inputs, OutputNames, outputs);
                _stateOut.CopyTo(_state, 0);
                probabilities[c] = _probability[0];
            }
        }
        return new SpeechActivity(probabilities, (double)ChunkSamples / SampleRate, _options.Threshold);
    }

    /// <summary>Releases the ONNX session.</summary>
    public void Dispose()
    {
        lock (_gate)
        {
            if (_disposed) return;
            _disposed = true;
            if (_open is not { } open) return;
            var (session, run, inputs, outputs) = open;
            foreach (var value in inputs) value.Dispose();
            foreach (var value in outputs) value.Dispose();
            run.Dispose();
            session.Dispose();
        }
    }

    /// <summary>The session, with tensors pinned over this detector's arrays once: a call only copies samples in and reads
    /// the probability out.</summary>
    private (InferenceSession, RunOptions, OrtValue[], OrtValue[]) Open()
    {
        NativeEnvironment.DisableOnnxRuntimeTelemetry();
        using var sessionOptions = new SessionOptions
        {
            IntraOpNumThreads = _options.IntraOpThreads,
            InterOpNumThreads = 1,
            ExecutionMode = ExecutionMode.ORT_SEQUENTIAL,
            LogSeverityLevel = OrtLoggingLevel.ORT_LOGGING_LEVEL_ERROR,
        };
        var session = new InferenceSession(ModelPath, sessionOptions);
        return (session, new RunOptions(),
        [
            OrtValue.CreateTensorValueFromMemory(_input, [1, _input.Length]),
            OrtValue.CreateTensorValueFromMemory(_state, [2, 1, 128]),
            OrtValue.CreateTensorValueFromMemory(new long[] { SampleRate }, [1]),
        ],
        [
            OrtValue.CreateTensorValueFromMemory(_probability, [1, 1]),
            OrtValue.CreateTensorValueFromMemory(_stateOut, [2, 1, 128]),
        ]);
    }

    private static string ResolveModel(string? configured)
    {
        if (configured is not null)
        {
            return File.Exists(configured)
                ? configured
                : throw new FileNotFoundException($"Silero VAD model not found at '{configured}'; run ./setup.sh to fetch models/{SpeechDetectorOptions.DefaultModelFileName}", configured);
        }
        return ModelFiles.Locate(SpeechDetectorOptions.DefaultModelFileName, out var searched)
            ?? throw new FileNotFoundException(
                $"Silero VAD model '{SpeechDetectorOptions.DefaultModelFileName}' not found in {string.Join(", ", searched.Take(3))}…; run ./setup.sh to fetch it into models/",
                SpeechDetectorOptions.DefaultModelFileName);
    }
}
