namespace LipSyncGuard.Sync.Tests;

/// <summary>Talking-head signals with a known truth: syllable-like bursts drive both a spectral envelope (audio) and the
/// mouth opening (lips), so the mouth follows the sound exactly at lag 0.</summary>
internal static class SyntheticSpeech
{
    public const int AudioWidth = 8;
    public const int LipWidth = 3;

    public static SyncTrack Make(int seed, int frames = 300)
    {
        var random = new Random(seed);
        var envelope = new double[frames];
        var speech = new float[frames];
        for (var t = 0; t < frames;)
        {
            // A syllable of 3–8 frames, then a gap of 1–6; now and then a pause of silence.
            var length = random.Next(3, 9);
            var height = 0.4 + random.NextDouble();
            for (var i = 0; i < length && t + i < frames; i++) envelope[t + i] = height * Math.Sin(Math.PI * (i + 0.5) / length);
            t += length + random.Next(1, 7) + (random.Next(10) == 0 ? 20 : 0);
        }
        var audio = new float[frames * AudioWidth];
        var lips = new float[frames * LipWidth];
        var valid = new bool[frames];
        var tilt = new double[AudioWidth];
        for (var k = 0; k < AudioWidth; k++) tilt[k] = 0.5 + random.NextDouble();
        for (var t = 0; t < frames; t++)
        {
            speech[t] = envelope[t] > 0.05 || (t > 0 && envelope[t - 1] > 0.05) ? 1 : 0;
            for (var k = 0; k < AudioWidth; k++) audio[t * AudioWidth + k] = (float)(Math.Log(1e-3 + envelope[t] * tilt[k]) + 0.3 * Gaussian(random));
            lips[t * LipWidth + 0] = (float)(envelope[t] + 0.1 * Gaussian(random));          // inner aperture
            lips[t * LipWidth + 1] = (float)(1.3 * envelope[t] + 0.1 * Gaussian(random));    // outer aperture
            lips[t * LipWidth + 2] = (float)(-0.4 * envelope[t] + 0.1 * Gaussian(random));   // width narrows as it opens
            valid[t] = random.Next(50) != 0;
        }
        return new SyncTrack(frames, audio, AudioWidth, lips, LipWidth, valid, speech);
    }

    private static double Gaussian(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
