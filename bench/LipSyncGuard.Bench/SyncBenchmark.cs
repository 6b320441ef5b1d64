using System.Diagnostics;
using System.Globalization;
using System.Text;
using LipSyncGuard.Data;
using LipSyncGuard.Sync;
using LipSyncGuard.Sync.Extraction;

namespace LipSyncGuard.Bench;

/// <summary>The landmark sync measure on every shared real clip, K folds by person (group): fit on the other folds' reals,
/// then score the held-out reals against the same clips with their audio shifted (±0.2 / ±0.5 / ±1.0 s) or swapped with
/// another held-out clip. Reports AUC per kind and offset recovery; then, fitted on all reals, the score of generator fakes.</summary>
internal static class SyncBenchmark
{
    private static readonly (string Name, int Frames)[] Shifts = [("shift ±0.2 s", 5), ("shift ±0.5 s", 12), ("shift ±1.0 s", 25)];

    public static async Task<string> RunAsync(BenchOptions options)
    {
        var media = Repository.SharedMedia(options);
        if (!File.Exists(Path.Combine(media, "manifest.csv"))) return $"## sync\nskipped: no shared media at {media}";
        var all = Dataset.Load(media);
        var watch = Stopwatch.StartNew();
        using var extractor = new SignalExtractor();
        var cache = new SyncTrackCache(Repository.Cache(options));
        var progress = new Progress<(int Done, int Total, string File)>(p => { if (p.Done % 20 == 0) Console.Error.WriteLine($"[sync] {p.Done}/{p.Total} {p.File}"); });
        var extracted = await SyncTrackCollector.CollectAsync(all, extractor, cache, progress).ConfigureAwait(false);
        var extractSeconds = watch.Elapsed.TotalSeconds;
        var reals = extracted.Where(e => e.Item.Kind == "real" && e.Track is not null).ToList();

        var rows = new List<(string Kind, double Score, int Label, int? Offset, int TrueShift, bool Long, int? Own)>();
        var folds = GroupSplit.Folds(reals.Select(r => r.Item).ToList(), options.Folds, seed: 1);
        var random = new Random(7);
        foreach (var fold in folds)
        {
            var held = fold.Select(i => i.Path).ToHashSet();
            var train = reals.Where(r => !held.Contains(r.Item.Path)).Select(r => r.Track!).ToList();
            var scorer = new SyncScorer(new SyncFitter().Fit(train));
            var test = reals.Where(r => held.Contains(r.Item.Path)).ToList();
            for (var i = 0; i < test.Count; i++)
            {
                var track = test[i].Track!;
                var isLong = track.FrameCount >= 75;
                var real = scorer.Score(track);
                int? own = real.IsJudged ? real.OffsetFrames : null;
                Add(rows, "real", real, 0, 0, isLong, own);
                foreach (var (name, frames) in Shifts)
                {
                    var sign = random.Next(2) == 0 ? -1 : 1;
                    Add(rows, name, scorer.Score(track.WithAudioShift(sign * frames)), 1, sign * frames, isLong, own);
                }
                var other = test.Where(t => t.Item.Group != test[i].Item.Group).ToList();
                if (other.Count > 0) Add(rows, "swap", scorer.Score(track.WithAudioFrom(other[random.Next(other.Count)].Track!)), 1, int.MinValue, isLong, own);
            }
        }

        var inv = CultureInfo.InvariantCulture;
        var report = new StringBuilder();
        report.AppendLine(inv, $"## sync (landmark ridge measure; {reals.Count} real clips with a face track of {extracted.Count(e => e.Item.Kind == "real")}, {options.Folds} folds by person)");
        report.AppendLine(inv, $"extraction: {extracted.Count} videos in {extractSeconds:0} s (cached after the first run)");
        report.AppendLine();
        report.AppendLine("| negatives | AUC (all clips) | AUC (clips ≥ 3 s) | offset within ±1 frame | same, clips ≥ 3 s | ≥ 3 s, vs the clip's own offset | judged |");
        report.AppendLine("|---|---|---|---|---|---|---|");
        var realRows = rows.Where(r => r.Kind == "real").ToList();
        foreach (var kind in Shifts.Select(s => s.Name).Append("swap"))
        {
            var negatives = rows.Where(r => r.Kind == kind).ToList();
            var recovered = kind == "swap" ? 0 : negatives.Count(r => r.Offset is { } o && Math.Abs(o - r.TrueShift) <= 1);
            var outside = kind == "swap" || Math.Abs(negatives.FirstOrDefault().TrueShift) > 15;
            var longOnes = negatives.Where(r => r.Long).ToList();
            var withOwn = longOnes.Where(r => r.Own is not null).ToList();
            // The clip's own offset: many real recordings are themselves a frame or three off; judged against it, the
            // column says whether the measure follows the shift, whatever the recording's starting point.
            var recovery = outside ? "–" : Fraction(recovered, negatives.Count);
            var recoveryLong = outside ? "–" : Fraction(longOnes.Count(r => Math.Abs(r.Offset!.Value - r.TrueShift) <= 1), longOnes.Count);
            var recoveryOwn = outside ? "–" : Fraction(withOwn.Count(r => Math.Abs(r.Offset!.Value - r.TrueShift - r.Own!.Value) <= 1), withOwn.Count);
            report.AppendLine(inv, $"| {kind} | {Auc(realRows, negatives, false)} | {Auc(realRows, negatives, true)} | {recovery} | {recoveryLong} | {recoveryOwn} | {negatives.Count} |");
        }
        var realRecovered = realRows.Count(r => r.Offset is { } o && Math.Abs(o) <= 1);
        var realLong = realRows.Where(r => r.Long).ToList();
        report.AppendLine(inv, $"| (real clips: offset within ±1 of 0) | | | {Fraction(realRecovered, realRows.Count)} | {Fraction(realLong.Count(r => Math.Abs(r.Offset!.Value) <= 1), realLong.Count)} | | |");

        // Generator fakes, scored by a measure fitted on every real clip.
        var full = new SyncScorer(new SyncFitter().Fit(reals.Select(r => r.Track!).ToList()));
        report.AppendLine();
        report.AppendLine("| generator fakes (fitted on all reals) | clips | mean sync score | AUC real vs kind |");
        report.AppendLine("|---|---|---|---|");
        // Both sides as manipulation scores (1 − sync): AUC = chance a fake looks less in sync than a real clip.
        var allReal = reals.Select(r => (Kind: "real", Score: 1 - full.Score(r.Track!).Score, Label: 0, Offset: (int?)0, TrueShift: 0, Long: true, Own: (int?)0)).ToList();
        foreach (var kind in new[] { "lipsync", "generated" })
        {
            var fakes = extracted.Where(e => e.Item.Kind == kind && e.Track is not null)
                .Select(e => (Kind: kind, Score: 1 - full.Score(e.Track!).Score, Label: 1, Offset: (int?)0, TrueShift: 0, Long: true, Own: (int?)0)).ToList();
            var judged = fakes.Where(f => !double.IsNaN(f.Score)).ToList();
            report.AppendLine(inv, $"| {kind} | {judged.Count} | {(judged.Count == 0 ? "–" : judged.Average(f => 1 - f.Score).ToString("0.00", inv))} | {Auc(allReal, fakes, false)} |");
        }
        return report.ToString();
    }

    private static void Add(List<(string, double, int, int?, int, bool, int?)> rows, string kind, SyncResult result, int label, int shift, bool isLong, int? own)
    {
        // Manipulation score = 1 − sync probability; unjudged clips (too little speech) are left out and counted.
        if (result.IsJudged) rows.Add((kind, 1 - result.Score, label, result.OffsetFrames, shift, isLong, own));
    }

    private static string Fraction(int part, int total) =>
        string.Create(CultureInfo.InvariantCulture, $"{part}/{total} ({100.0 * part / Math.Max(1, total):0}%)");

    private static string Auc(
        List<(string Kind, double Score, int Label, int? Offset, int TrueShift, bool Long, int? Own)> reals,
        List<(string Kind, double Score, int Label, int? Offset, int TrueShift, bool Long, int? Own)> negatives, bool longOnly)
    {
        var r = reals.Where(x => (!longOnly || x.Long) && !double.IsNaN(x.Score)).ToList();
        var n = negatives.Where(x => (!longOnly || x.Long) && !double.IsNaN(x.Score)).ToList();
        if (r.Count == 0 || n.Count == 0) return "–";
        var scores = r.Select(x => x.Score).Concat(n.Select(x => x.Score)).ToList();
        var labels = r.Select(_ => 0).Concat(n.Select(_ => 1)).ToList();
        return BinaryMetrics.Compute(scores, labels).Auc.ToString("0.000", CultureInfo.InvariantCulture);
    }
}
