using LipSyncGuard.Detection.Cues;
using LipSyncGuard.Sync;
using LipSyncGuard.Sync.Extraction;

namespace LipSyncGuard.Cli.Commands;

/// <summary>Per-frame series of one face for plots and JSON: inner lip aperture, chin-to-nose distance, audio energy
/// (mean log-mel), speech probability.</summary>
/// <param name="TimeS">Frame times.</param>
/// <param name="InnerAperture">Inner lip gap / outer-eye-corner distance (null where landmarks are not trusted).</param>
/// <param name="ChinToNose">Nose bottom to chin tip / outer-eye-corner distance: drops with the jaw (null where landmarks
/// are not trusted).</param>
/// <param name="AudioEnergy">Mean log-mel of the frame.</param>
/// <param name="Speech">Speech probability.</param>
public sealed record LipSeries(double[] TimeS, double?[] InnerAperture, double?[] ChinToNose, double[] AudioEnergy, double[] Speech)
{
    /// <summary>The series of <paramref name="trackId"/>.</summary>
    public static LipSeries From(VideoSignals signals, int trackId, SyncTrack track)
    {
        ArgumentNullException.ThrowIfNull(signals);
        ArgumentNullException.ThrowIfNull(track);
        var start = signals.Tracks[trackId].StartFrame;
        var n = track.FrameCount;
        var time = new double[n];
        var aperture = new double?[n];
        var chin = new double?[n];
        var energy = new double[n];
        var speech = new double[n];
        // Energy from the log-mel whatever the sync measure reads (speech embeddings are not loudness).
        var mel = signals.Mel ?? throw new InvalidOperationException("the signals kept no log-mel spectrogram");
        var melWidth = FrameAudioFeatures.Width(mel);
        var melRows = FrameAudioFeatures.Compute(mel, signals.FrameCount, signals.Fps);
        for (var t = 0; t < n; t++)
        {
            time[t] = Math.Round((start + t) / signals.Fps, 3);
            // The two channels the jaw cue reads (JawFollow), so the plot shows what it measures.
            aperture[t] = track.LipValid[t] ? Math.Round(track.Lips[(t * track.LipWidth) + JawFollow.LipGap], 4) : null;
            chin[t] = track.LipValid[t] ? Math.Round(track.Lips[(t * track.LipWidth) + JawFollow.Chin], 4) : null;
            double sum = 0;
            for (var b = 0; b < melWidth; b++) sum += melRows[((start + t) * melWidth) + b];
            energy[t] = Math.Round(sum / melWidth, 3);
            speech[t] = Math.Round(track.Speech[t], 3);
        }
        return new LipSeries(time, aperture, chin, energy, speech);
    }

    /// <summary>Draws aperture, chin-to-nose distance and energy (each scaled to 0…1) and speech activity, titled with the
    /// offset: on filmed speech the chin drops as the lips part.</summary>
    public void Plot(string path, SyncResult sync)
    {
        ArgumentNullException.ThrowIfNull(sync);
        var plot = new ScottPlot.Plot();
        var valid = Enumerable.Range(0, TimeS.Length).Where(i => InnerAperture[i] is not null).ToArray();
        if (valid.Length > 0)
        {
            var lips = plot.Add.Scatter(valid.Select(i => TimeS[i]).ToArray(), Scale(valid.Select(i => InnerAperture[i]!.Value).ToArray()));
            lips.LegendText = "inner lip aperture";
            lips.MarkerSize = 0;
            var jaw = plot.Add.Scatter(valid.Select(i => TimeS[i]).ToArray(), Scale(valid.Select(i => ChinToNose[i]!.Value).ToArray()));
            jaw.LegendText = "chin to nose (jaw)";
            jaw.MarkerSize = 0;
        }
        var audio = plot.Add.Scatter(TimeS, Scale(AudioEnergy));
        audio.LegendText = "audio energy (log-mel)";
        audio.MarkerSize = 0;
        var speech = plot.Add.Scatter(TimeS, Speech);
        speech.LegendText = "speech probability";
        speech.MarkerSize = 0;
        speech.LinePattern = ScottPlot.LinePattern.Dotted;
        plot.XLabel("time (s)");
        plot.Title(sync.IsJudged
            ? FormattableString.Invariant($"sync score {sync.Score:0.00}, AV offset {sync.OffsetMs:+0;-0;0} ms")
            : "not judged: too little speech with a visible mouth");
        plot.ShowLegend();
        plot.SavePng(path, 1000, 380);
    }

    private static double[] Scale(double[] values)
    {
        if (values.Length == 0) return values;
        var min = values.Min();
        var range = Math.Max(values.Max() - min, 1e-9);
        return values.Select(v => (v - min) / range).ToArray();
    }
}
