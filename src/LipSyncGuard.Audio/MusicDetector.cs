using LipSyncGuard.Media;

namespace LipSyncGuard.Audio;

/// <summary>Tells a soundtrack that is mostly music (or another sustained sound: a tone, a hum, steady noise) from speech
/// by the share of low-energy frames of Scheirer &amp; Slaney, "Construction and evaluation of a robust multifeature
/// speech/music discriminator" (ICASSP 1997): the proportion of frames whose RMS level is under half the mean of their
/// one-second window. Speech stops between syllables and words, so many of its frames fall quiet; sustained notes seldom
/// do. Stateless and thread-safe.</summary>
public sealed class MusicDetector(MusicDetectorOptions? options = null)
{
    /// <summary>Scheirer &amp; Slaney's "less than 50 % of the mean RMS power within a one-second window".</summary>
    private const double LowEnergyRatio = 0.5;

    /// <summary>The settings in use.</summary>
    public MusicDetectorOptions Options { get; } = (options ?? MusicDetectorOptions.Default).Validate();

    /// <summary>Measures <paramref name="clip"/>.</summary>
    public MusicEstimate Detect(AudioClip clip)
    {
        ArgumentNullException.ThrowIfNull(clip);
        return Detect(clip.Samples, clip.SampleRate);
    }

    /// <summary>Measures <paramref name="samples"/> at <paramref name="sampleRate"/>; whole windows only (a soundtrack
    /// under one window long has none, and is not music).</summary>
    public MusicEstimate Detect(ReadOnlySpan<float> samples, int sampleRate)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(sampleRate);
        var frame = Math.Max(1, (int)Math.Round(Options.FrameSeconds * sampleRate));
        var rms = new double[Math.Max(1, (int)Math.Round(Options.WindowSeconds / Options.FrameSeconds))];
        var window = frame * rms.Length;
        var sum = 0.0;
        var sounding = 0;
        for (var start = 0; start + window <= samples.Length; start += window)
        {
            var mean = 0.0;
            for (var k = 0; k < rms.Length; k++)
            {
                rms[k] = Rms(samples.Slice(start + (k * frame), frame));
                mean += rms[k] / rms.Length;
            }
            if (mean < Options.SilenceRms) continue;
            var low = 0;
            foreach (var level in rms) if (level < LowEnergyRatio * mean) low++;
            sum += low / (double)rms.Length;
            sounding++;
        }
        if (sounding == 0) return new MusicEstimate(null, false);
        var share = sum / sounding;
        return new MusicEstimate(share, share < Options.MaxLowEnergyShare);
    }

    private static double Rms(ReadOnlySpan<float> frame)
    {
        var sum = 0.0;
        foreach (var v in frame) sum += v * v;
        return Math.Sqrt(sum / frame.Length);
    }
}
