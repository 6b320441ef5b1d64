namespace LipSyncGuard.Audio;

/// <summary>Settings of <see cref="LogMelSpectrogram"/>. <see cref="Default"/> is the pipeline's: 16 kHz, 80 Slaney mel
/// bins over 0–8 kHz, a 25 ms periodic Hann window (400 samples, centred in a 512-point FFT), a 10 ms hop (160), the
/// power spectrum, and <c>ln(max(mel, 1e-10))</c>. It equals torchaudio's
/// <c>MelSpectrogram(sample_rate=16000, n_fft=512, win_length=400, hop_length=160, n_mels=80, power=2, center=True,
/// pad_mode="reflect", norm="slaney", mel_scale="slaney")</c> followed by <c>log(clamp(min=1e-10))</c>.
/// At 25 fps video, mel frames 4k…4k+3 are centred at 40k, 40k+10, 40k+20 and 40k+30 ms: inside video frame k.</summary>
public sealed record MelSpectrogramOptions
{
    /// <summary>The pipeline's settings.</summary>
    public static MelSpectrogramOptions Default { get; } = new();

    /// <summary>Samples per second the input must have.</summary>
    public int SampleRate { get; init; } = 16000;

    /// <summary>FFT length: the next power of two above <see cref="WindowLength"/>, giving 257 frequency bins.</summary>
    public int FftSize { get; init; } = 512;

    /// <summary>Analysis window length in samples (25 ms), centred inside the FFT frame and zero elsewhere.</summary>
    public int WindowLength { get; init; } = 400;

    /// <summary>Samples between frames (10 ms: 100 frames per second, 4 per 25 fps video frame).</summary>
    public int HopLength { get; init; } = 160;

    /// <summary>Number of mel bins.</summary>
    public int MelBins { get; init; } = 80;

    /// <summary>Lowest frequency of the filterbank, Hz.</summary>
    public double MinFrequency { get; init; }

    /// <summary>Highest frequency of the filterbank, Hz (at most half the sample rate).</summary>
    public double MaxFrequency { get; init; } = 8000;

    /// <summary>Smallest mel energy before the log, so silence gives a finite value (ln 1e-10 ≈ -23.03).</summary>
    public float LogFloor { get; init; } = 1e-10f;

    /// <summary>How the clip ends are padded for centred frames.</summary>
    public MelPadding Padding { get; init; } = MelPadding.Reflect;

    /// <summary>Mel frames per second (<see cref="SampleRate"/> / <see cref="HopLength"/>).</summary>
    public double FramesPerSecond => (double)SampleRate / HopLength;

    /// <summary>Throws <see cref="ArgumentException"/> naming the first setting that is out of range.</summary>
    public void Validate()
    {
        static void Require(bool ok, string message)
        {
            if (!ok) throw new ArgumentException(message);
        }
        Require(SampleRate > 0, $"SampleRate must be positive, was {SampleRate}");
        Require(FftSize >= 2 && (FftSize & (FftSize - 1)) == 0, $"FftSize must be a power of two, was {FftSize}");
        Require(WindowLength > 0 && WindowLength <= FftSize, $"WindowLength must be in 1…FftSize ({FftSize}), was {WindowLength}");
        Require(HopLength > 0, $"HopLength must be positive, was {HopLength}");
        Require(MelBins > 0, $"MelBins must be positive, was {MelBins}");
        Require(MinFrequency >= 0 && MinFrequency < MaxFrequency, $"MinFrequency must be in [0, MaxFrequency), was {MinFrequency}");
        Require(MaxFrequency <= SampleRate / 2.0, $"MaxFrequency must be at most half the sample rate ({SampleRate / 2.0}), was {MaxFrequency}");
        Require(LogFloor > 0, $"LogFloor must be positive, was {LogFloor}");
    }
}
