using System.Globalization;
using LipSyncGuard.Analysis;

namespace LipSyncGuard.Cli.Commands;

/// <summary>Analysis progress as plain lines (<c>[1/3] clip.mp4: 40%</c>) every 20 %, for a stderr that is not a terminal.</summary>
internal sealed class ProgressLines(string label, TextWriter writer) : IProgress<AnalysisProgress>
{
    private const int Step = 20;

    private int _printed = -1;

    /// <summary>Prints when the overall share passes the next step (reported synchronously, so lines keep their order).</summary>
    public void Report(AnalysisProgress value)
    {
        var overall = value.Stage == "frames" ? value.Fraction * 0.95 : value.Stage == "probe" ? 0 : 0.95 + (value.Fraction * 0.05);
        var percent = (int)(Math.Clamp(overall, 0, 1) * 100) / Step * Step;
        if (percent <= _printed) return;
        _printed = percent;
        writer.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{label}: {percent}%"));
    }
}
