using LipSyncGuard.Analysis;

namespace LipSyncGuard.Cli.Commands;

/// <summary>Draws a result's timeline (manipulation probability per window, per selected face) as a PNG.</summary>
public static class TimelinePlot
{
    /// <summary>Writes the plot.</summary>
    public static void Write(AnalysisResult result, string path)
    {
        ArgumentNullException.ThrowIfNull(result);
        var plot = new ScottPlot.Plot();
        foreach (var face in result.Faces.Where(f => f.Selected && f.Timeline.Count > 0))
        {
            var judged = face.Timeline.Where(w => w.ManipulationProbability is not null).ToList();
            if (judged.Count == 0) continue;
            var line = plot.Add.Scatter(judged.Select(w => (w.StartS + w.EndS) / 2).ToArray(), judged.Select(w => w.ManipulationProbability!.Value).ToArray());
            line.LegendText = $"face {face.TrackId}";
        }
        var threshold = plot.Add.HorizontalLine(result.Threshold);
        threshold.LinePattern = ScottPlot.LinePattern.Dashed;
        threshold.LegendText = "threshold";
        plot.Axes.SetLimitsY(0, 1);
        plot.XLabel("time (s)");
        plot.YLabel("manipulation probability");
        plot.Title("LipSyncGuard timeline");
        plot.ShowLegend();
        plot.SavePng(path, 900, 360);
    }
}
