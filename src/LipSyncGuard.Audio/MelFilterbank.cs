namespace LipSyncGuard.Audio;

/// <summary>Triangular mel filters on the Slaney scale with Slaney (area) normalisation: librosa's
/// <c>filters.mel(htk=False, norm="slaney")</c> and torchaudio's <c>melscale_fbanks(norm="slaney", mel_scale="slaney")</c>.
/// Kept sparse (each filter covers a few FFT bins) because the mel step is the hot loop after the FFT.</summary>
internal sealed class MelFilterbank
{
    // Slaney's scale: linear below 1 kHz (3 mel per 200 Hz), logarithmic above (27 mel per factor 6.4).
    private const double LinearStep = 200.0 / 3;
    private const double LogStartHz = 1000;
    private const double LogStartMel = LogStartHz / LinearStep;
    private static readonly double LogStep = Math.Log(6.4) / 27;

    private readonly int[] _first;
    private readonly float[][] _weights;

    public MelFilterbank(int sampleRate, int fftSize, int melBins, double minHz, double maxHz)
    {
        var fftBins = fftSize / 2 + 1;
        var minMel = HzToMel(minHz);
        var maxMel = HzToMel(maxHz);
        var edges = new double[melBins + 2];
        for (var i = 0; i < edges.Length; i++) edges[i] = MelToHz(minMel + (maxMel - minMel) * i / (melBins + 1));
        _first = new int[melBins];
        _weights = new float[melBins][];
        var row = new double[fftBins];
        for (var m = 0; m < melBins; m++)
        {
            double lower = edges[m], centre = edges[m + 1], upper = edges[m + 2];
            int first = -1, last = -1;
            for (var k = 0; k < fftBins; k++)
            {
                var hz = (double)k * sampleRate / fftSize;
                var w = Math.Max(0, Math.Min((hz - lower) / (centre - lower), (upper - hz) / (upper - centre)));
                // Area normalisation: every filter has the same total weight in Hz, so wide high filters are not louder.
                row[k] = w * 2 / (upper - lower);
                if (row[k] > 0)
                {
                    if (first < 0) first = k;
                    last = k;
                }
            }
            // A filter narrower than one FFT bin gets no bin (as in librosa, which warns); it stays all-zero here too.
            _first[m] = Math.Max(first, 0);
            _weights[m] = first < 0 ? [] : Array.ConvertAll(row[first..(last + 1)], v => (float)v);
        }
    }

    public int MelBins => _first.Length;

    /// <summary>Mel energies of one power spectrum.</summary>
    public void Apply(ReadOnlySpan<float> power, Span<float> mel)
    {
        for (var m = 0; m < _first.Length; m++)
        {
            var w = _weights[m];
            var p = power.Slice(_first[m], w.Length);
            var sum = 0f;
            for (var i = 0; i < w.Length; i++) sum += w[i] * p[i];
            mel[m] = sum;
        }
    }

    public static double HzToMel(double hz) => hz < LogStartHz ? hz / LinearStep : LogStartMel + Math.Log(hz / LogStartHz) / LogStep;

    public static double MelToHz(double mel) => mel < LogStartMel ? mel * LinearStep : LogStartHz * Math.Exp(LogStep * (mel - LogStartMel));
}
