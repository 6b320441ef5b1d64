using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using LipSyncGuard.Analysis;
using LipSyncGuard.Detection.Cues;
using LipSyncGuard.Sync;
using LipSyncGuard.Sync.Extraction;
using Spectre.Console;

namespace LipSyncGuard.Cli.Commands;

/// <summary><c>lipsync lips VIDEO [--plot lips.png]</c>: the selected face's lip opening against the speech, with the
/// estimated audio offset and how far the jaw follows the lips — what a verification desk shows.</summary>
public static class LipsCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create()
    {
        var file = new Argument<string>("file") { Description = "A video file." };
        var plot = new Option<string?>("--plot") { Description = "Write lip aperture, chin-to-nose distance, audio energy and speech activity over time as a PNG." };
        var json = new Option<bool>("--json") { Description = "Print the per-frame series as JSON." };
        var syncModel = new Option<string?>("--sync-model") { Description = "A sync measure fitted with 'lipsync fit-sync' (default: the shipped one)." };
        var command = new Command("lips", "Show how the selected face's lips move with the speech.") { file, plot, json, syncModel };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var plotPath = parse.GetValue(plot);
            if (plotPath is not null && !plotPath.EndsWith(".png", StringComparison.OrdinalIgnoreCase)) throw new UsageException($"--plot must name a .png file, got '{plotPath}'");
            var options = LipSyncAnalyzerOptions.FromEnvironment();
            if (parse.GetValue(syncModel) is { } s) options = options with { SyncModelPath = s };
            var scorer = new SyncScorer(SyncModel.Load(options.ResolveSyncModelPath()));
            using var extractor = new SignalExtractor(options.Signals with { Audio = scorer.Model.Options.Audio });
            using var signals = await extractor.ExtractAsync(parse.GetValue(file)!, cancellationToken: cancellationToken).ConfigureAwait(false);
            var selected = signals.Faces.Selected.FirstOrDefault(t => signals.Tracks.ContainsKey(t.Id))
                ?? throw new UsageException("no face track was found in the video");
            var track = signals.ToSyncTrack(selected.Id);
            var sync = scorer.Score(track);
            var series = LipSeries.From(signals, selected.Id, track);
            // Read as the cue verdict reads it (its fewest-frames rule included), from the lips alone.
            var jaw = FaceCues.Measure([], 0, track.Lips, track.LipWidth, track.LipValid, null).Feature("jaw_follow");
            double? jawFollow = double.IsNaN(jaw) ? null : Math.Round(jaw, 3);

            if (parse.GetValue(json)) Console.WriteLine(JsonSerializer.Serialize(new { track_id = selected.Id, sync_score = Nullable(sync.Score), av_offset_ms = sync.IsJudged ? sync.OffsetMs : (double?)null, jaw_follow = jawFollow, series }, AnalysisJson.Options));
            else Render(selected.Id, signals, track, sync, jawFollow);
            if (plotPath is not null)
            {
                series.Plot(plotPath, sync);
                if (!parse.GetValue(json)) AnsiConsole.MarkupLine($"plot: [green]{Markup.Escape(plotPath)}[/]");
            }
            return CliApp.Ok;
        });
        return command;
    }

    private static double? Nullable(double value) => double.IsNaN(value) ? null : Math.Round(value, 4);

    private static void Render(int trackId, VideoSignals signals, SyncTrack track, SyncResult sync, double? jawFollow)
    {
        var inv = CultureInfo.InvariantCulture;
        var table = new Table().Border(TableBorder.Rounded).Title(Markup.Escape($"face #{trackId}"));
        table.AddColumn("measure");
        table.AddColumn("value");
        table.AddRow("frames", Markup.Escape($"{track.FrameCount} ({track.LipValid.Count(v => v)} with trusted landmarks)"));
        table.AddRow("speech", Markup.Escape($"{signals.SpeechFraction():P0} of the video"));
        table.AddRow("sync score", sync.IsJudged ? sync.Score.ToString("0.00", inv) : "not judged (too little speech with a visible mouth)");
        table.AddRow("AV offset", sync.IsJudged ? Markup.Escape(string.Create(inv, $"{sync.OffsetMs:+0;-0;0} ms (positive: audio later than the mouth)")) : "–");
        table.AddRow("offset confidence", sync.IsJudged ? sync.Confidence.ToString("0.000", inv) : "–");
        // The shared filmed faces' spread (docs/training.md): a generator that opens the lips over a still chin reads lower.
        table.AddRow("jaw follows the lips", jawFollow is { } j
            ? Markup.Escape(string.Create(inv, $"{j:0.00} (chin drop per lip opening; filmed speech: median 0.71, 80 % within 0.43–1.10)"))
            : "–");
        AnsiConsole.Write(table);
    }
}
