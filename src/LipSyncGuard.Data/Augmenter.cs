using System.Buffers;

namespace LipSyncGuard.Data;

/// <summary>Applies <see cref="AugmentationOptions"/> to windows, <see cref="SampleWindow"/> → <see cref="SampleWindow"/>.
/// Deterministic: the same seed and the same sequence of windows give the same output. Not thread-safe (one per loader).</summary>
public sealed class Augmenter
{
    private readonly Random _random;

    /// <summary>Creates an augmenter drawing from a generator seeded with <paramref name="seed"/>.</summary>
    public Augmenter(AugmentationOptions? options = null, int seed = 42)
    {
        Options = (options ?? AugmentationOptions.Default).Validate();
        _random = new Random(seed);
    }

    /// <summary>The validated options.</summary>
    public AugmentationOptions Options { get; }

    /// <summary>A transformed copy of <paramref name="window"/> (the input is not changed).</summary>
    public SampleWindow Apply(SampleWindow window)
    {
        ArgumentNullException.ThrowIfNull(window);
        window.Validate();
        var o = Options;
        // Draw every decision up front, in a fixed order, so determinism does not depend on which branches run.
        var speed = Draw(o.SpeedProbability) ? Uniform(o.MinSpeed, o.MaxSpeed) : 1;
        var angle = Draw(o.RotationProbability) ? Uniform(-o.MaxRotationDegrees, o.MaxRotationDegrees) : 0;
        var flip = Draw(o.FlipProbability);
        var jitter = Draw(o.ColorJitterProbability);
        var (brightness, contrast, saturation) = (Uniform(1 - o.Brightness, 1 + o.Brightness), Uniform(1 - o.Contrast, 1 + o.Contrast), Uniform(1 - o.Saturation, 1 + o.Saturation));
        var pixelNoise = Draw(o.PixelNoiseProbability) ? Uniform(0, o.MaxPixelNoise) : 0;
        var melNoise = Draw(o.MelNoiseProbability) ? Uniform(0, o.MaxMelNoise) : 0;
        var noiseSeed = _random.Next();

        var result = Math.Abs(speed - 1) > 1e-9 ? Retime(window, speed) : window with
        {
            Crops = (byte[])window.Crops.Clone(),
            Mel = (float[])window.Mel.Clone(),
        };
        var noise = new Random(noiseSeed);
        var bytes = window.CropSize * window.CropSize * 3;
        var scratch = ArrayPool<byte>.Shared.Rent(bytes);
        try
        {
            for (var t = 0; t < window.Frames; t++)
            {
                var crop = result.Crops.AsSpan(t * bytes, bytes);
                if (angle != 0 || flip) CropTransforms.RotateFlip(crop, scratch.AsSpan(0, bytes), window.CropSize, angle, flip);
                if (jitter) CropTransforms.Jitter(crop, brightness, contrast, saturation);
                if (pixelNoise > 0) CropTransforms.AddNoise(crop, pixelNoise, noise);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(scratch);
        }
        if (melNoise > 0)
        {
            var mel = result.Mel;
            for (var i = 0; i < mel.Length; i++) mel[i] += (float)(melNoise * CropTransforms.Gaussian(noise));
        }
        return result.Validate();
    }

    /// <summary>Plays the window at <paramref name="speed"/>× about its centre: output time τ shows source time
    /// c + (τ − c)·speed (c = T/2, in frame units), for the video frames (nearest frame, with lips, validity and speech)
    /// and the mel rows (linear interpolation) alike, so a click and a flash that coincide still coincide.</summary>
    internal static SampleWindow Retime(SampleWindow window, double speed)
    {
        var frames = window.Frames;
        var center = frames / 2.0;
        var bytes = window.CropSize * window.CropSize * 3;
        var crops = new byte[window.Crops.Length];
        var lips = new float[window.Lips.Length];
        var valid = new bool[frames];
        var speech = new float[frames];
        for (var t = 0; t < frames; t++)
        {
            // Frame t spans [t, t+1); sample the source at its midpoint.
            var source = Math.Clamp((int)Math.Floor(center + ((t + 0.5 - center) * speed)), 0, frames - 1);
            window.Crops.AsSpan(source * bytes, bytes).CopyTo(crops.AsSpan(t * bytes));
            window.Lips.AsSpan(source * window.LipWidth, window.LipWidth).CopyTo(lips.AsSpan(t * window.LipWidth));
            valid[t] = window.LipValid[source];
            speech[t] = window.Speech[source];
        }
        var rows = frames * SampleWindow.MelPerFrame;
        var bins = window.MelBins;
        var mel = new float[window.Mel.Length];
        for (var m = 0; m < rows; m++)
        {
            // Mel row m spans [m/4, (m+1)/4) frames; its midpoint maps to a fractional source row.
            var time = center + ((((m + 0.5) / SampleWindow.MelPerFrame) - center) * speed);
            var position = Math.Clamp((time * SampleWindow.MelPerFrame) - 0.5, 0, rows - 1);
            var lower = (int)Math.Floor(position);
            var upper = Math.Min(lower + 1, rows - 1);
            var w = (float)(position - lower);
            var a = window.Mel.AsSpan(lower * bins, bins);
            var b = window.Mel.AsSpan(upper * bins, bins);
            var row = mel.AsSpan(m * bins, bins);
            for (var k = 0; k < bins; k++) row[k] = a[k] + ((b[k] - a[k]) * w);
        }
        return window with { Crops = crops, Lips = lips, LipValid = valid, Speech = speech, Mel = mel };
    }

    private bool Draw(double probability) => _random.NextDouble() < probability;

    private double Uniform(double min, double max) => min + ((max - min) * _random.NextDouble());
}
