using Xunit;
using Xunit.Abstractions;

namespace LipSyncGuard.Audio.Tests;

public sealed class LogMelSpectrogramTests(ITestOutputHelper output)
{
    private readonly LogMelSpectrogram _mel = new();

    [Fact]
    public void Compute_Sine1kHz_PeaksInTheBinCentredOn1kHz()
    {
        var samples = new float[16000];
        for (var i = 0; i < samples.Length; i++) samples[i] = 0.5f * MathF.Sin(2 * MathF.PI * 1000 * i / 16000f);

        var mel = _mel.Compute(samples);

        // Slaney scale: 1 kHz is mel 15; 8 kHz is 15 + ln 8 / (ln 6.4 / 27) = 45.245. 82 equally spaced edges from 0
        // put filter m's centre at (m + 1) × 45.245 / 81 = (m + 1) × 0.55858, so 15 lies in filter 26 (centre 15.08).
        for (var t = 2; t < mel.FrameCount - 2; t++)
        {
            var frame = mel.Frame(t);
            var peak = 0;
            for (var m = 1; m < frame.Length; m++) if (frame[m] > frame[peak]) peak = m;
            Assert.Equal(26, peak);
        }
    }

    [Fact]
    public void Compute_OneSecond_Gives101FramesOf80At100PerSecond()
    {
        var mel = _mel.Compute(new float[16000]);

        Assert.Equal(101, mel.FrameCount);
        Assert.Equal(80, mel.BinCount);
        Assert.Equal(100, mel.FramesPerSecond);
        Assert.Equal(52, mel.FirstFrameOfVideoFrame(13));
        // Silence sits on the floor, ln(1e-10).
        Assert.All(mel.ToArray(), v => Assert.Equal(MathF.Log(1e-10f), v, 1e-4f));
    }

    [Theory]
    [InlineData(MelPadding.Reflect, Fixture.MelReflect)]
    [InlineData(MelPadding.Zero, Fixture.MelZero)]
    public void Compute_FixtureSignal_MatchesTorchaudioReference(MelPadding padding, string referenceFile)
    {
        var input = Fixture.ReadFloats(Fixture.MelInput);
        var reference = Fixture.ReadFloats(referenceFile);

        var mel = new LogMelSpectrogram(MelSpectrogramOptions.Default with { Padding = padding }).Compute(input);

        Assert.Equal(reference.Length, mel.Values.Length);
        Assert.Equal(121, mel.FrameCount);
        // Bins within 4 decades of the 1e-10 floor carry float32 rounding of tiny energies (torchaudio's own float32
        // path differs from its float64 one by 1.6e-2 there), so they get their own, looser bound.
        var quietBelow = MathF.Log(1e-6f);
        double maxLoud = 0, maxQuiet = 0, sum = 0;
        for (var i = 0; i < reference.Length; i++)
        {
            var error = Math.Abs(mel.Values[i] - reference[i]);
            if (reference[i] > quietBelow) maxLoud = Math.Max(maxLoud, error);
            else maxQuiet = Math.Max(maxQuiet, error);
            sum += error;
        }
        output.WriteLine($"{padding}: max |Δ log-mel| = {maxLoud:E2} (above 1e-6), {maxQuiet:E2} (near the floor), mean {sum / reference.Length:E2}");
        Assert.True(maxLoud < 5e-4, $"max error above 1e-6: {maxLoud:E2}");
        Assert.True(maxQuiet < 1e-2, $"max error near the floor: {maxQuiet:E2}");
    }

    [Fact]
    public void Compute_ShortClipWithReflect_ThrowsNamingZeroPadding()
    {
        var error = Assert.Throws<ArgumentException>(() => _mel.Compute(new float[200]));

        Assert.Contains(nameof(MelPadding.Zero), error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Compute_ShortClipWithZeroPadding_GivesOneFramePerHopPlusOne()
    {
        var mel = new LogMelSpectrogram(MelSpectrogramOptions.Default with { Padding = MelPadding.Zero });

        Assert.Equal(1, mel.Compute([]).FrameCount);
        Assert.Equal(2, mel.Compute(new float[200]).FrameCount);
    }

    [Theory]
    [InlineData(500, 400, 8000.0)]
    [InlineData(512, 600, 8000.0)]
    [InlineData(512, 400, 9000.0)]
    public void Constructor_InvalidOptions_ThrowsArgumentException(int fftSize, int windowLength, double maxFrequency)
    {
        var options = MelSpectrogramOptions.Default with { FftSize = fftSize, WindowLength = windowLength, MaxFrequency = maxFrequency };

        Assert.Throws<ArgumentException>(() => new LogMelSpectrogram(options));
    }

    [Fact]
    public void Compute_TenSecondsOfNoise_IsFasterThan20msPerSecond()
    {
        var random = new Random(5);
        var samples = new float[160000];
        for (var i = 0; i < samples.Length; i++) samples[i] = (float)(random.NextDouble() - 0.5);
        _mel.Compute(samples.AsSpan(0, 16000));

        MelSpectrogram? mel = null;
        var best = CpuTime.Best(() => mel = _mel.Compute(samples));

        var msPerSecond = best.TotalMilliseconds / 10;
        output.WriteLine($"log-mel: {msPerSecond:F2} ms per second of audio ({mel!.FrameCount} frames)");
        // About 2 ms measured; the bound only catches a gross regression (a slow FFT, per-frame allocation).
        Assert.True(msPerSecond < 20, $"{msPerSecond:F2} ms per second of audio");
    }
}
