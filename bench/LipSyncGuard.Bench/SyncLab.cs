using System.Globalization;
using System.Text;
using LipSyncGuard.Data;
using LipSyncGuard.Sync;
using LipSyncGuard.Sync.Extraction;
using MathNet.Numerics.LinearAlgebra;

namespace LipSyncGuard.Bench;

/// <summary>Compares variants of the sync measure with nested cross-validation: the outer folds are the sync benchmark's
/// (5 by person); for each outer fold a variant is chosen by its score on the other four folds alone (each scored by a
/// model fitted on the remaining three), then judged on the held-out fold. Variants with the same audio features share the
/// ridge's normal equations, summed per fold once.</summary>
internal static class SyncLab
{
    private static readonly int[] ShiftFrames = [5, 12, 25];

    public static async Task<string> RunAsync(BenchOptions options, IReadOnlyList<(string Name, SyncOptions Options)> variants)
    {
        var media = Repository.SharedMedia(options);
        var all = Dataset.Load(media);
        var cache = new SyncTrackCache(Repository.Cache(options));
        // The same clips' tracks once per kind of audio features the variants read (the faces do not depend on it).
        var byAudio = new Dictionary<SyncAudio, Dictionary<string, SyncTrack>>();
        foreach (var kind in variants.Select(v => v.Options.Audio).Distinct())
        {
            using var extractor = new SignalExtractor(SignalExtractorOptions.Default with { Audio = kind });
            var extractedKind = await SyncTrackCollector.CollectAsync(all, extractor, cache, null).ConfigureAwait(false);
            byAudio[kind] = extractedKind.Where(e => e.Track is not null).ToDictionary(e => e.Item.Path, e => e.Track!);
        }
        var reals = all.Where(i => i.Kind == "real" && byAudio.Values.All(t => t.ContainsKey(i.Path))).Select(i => (Item: i, Track: byAudio.Values.First()[i.Path])).ToList();
        var folds = GroupSplit.Folds(reals.Select(r => r.Item).ToList(), options.Folds, seed: 1);
        var foldOf = new int[reals.Count];
        for (var f = 0; f < folds.Count; f++)
        {
            var paths = folds[f].Select(i => i.Path).ToHashSet();
            for (var i = 0; i < reals.Count; i++) if (paths.Contains(reals[i].Item.Path)) foldOf[i] = f;
        }
        var lipWidth = reals[0].Track.LipWidth;

        // Fixed negatives per clip: a signed shift per size and a swap partner from another person of the same fold.
        var random = new Random(7);
        var signs = reals.Select(_ => ShiftFrames.Select(_ => random.Next(2) == 0 ? -1 : 1).ToArray()).ToArray();
        var partner = new int[reals.Count];
        for (var i = 0; i < reals.Count; i++)
        {
            var others = Enumerable.Range(0, reals.Count).Where(j => foldOf[j] == foldOf[i] && reals[j].Item.Group != reals[i].Item.Group).ToList();
            partner[i] = others.Count == 0 ? -1 : others[random.Next(others.Count)];
        }

        // Normal equations per fold, once per audio feature set (variants differing only in scoring share them).
        var statistics = new Dictionary<(SyncAudio Audio, int Context, int Units, int Seed), List<(Matrix<double> Xtx, Matrix<double> Xty)>>();
        var weightCache = new Dictionary<string, float[]>();
        List<SyncTrack> tracks = [];
        var audioWidth = 0;
        float[] Weights(SyncFitter fitter, SyncOptions variant, int[] excluded)
        {
            // Everything AudioFeatures reads: variants differing only here must not share normal equations.
            var features = (variant.Audio, variant.ContextFrames, variant.HiddenUnits, variant.HiddenSeed);
            var key = $"{features}/{variant.Lambda}/{string.Join(',', excluded.Order())}";
            if (weightCache.TryGetValue(key, out var w)) return w;
            if (!statistics.TryGetValue(features, out var perFold))
                statistics[features] = perFold = Enumerable.Range(0, folds.Count)
                    .Select(f => fitter.Accumulate(Enumerable.Range(0, tracks.Count).Where(i => foldOf[i] == f).Select(i => tracks[i]).ToList(), audioWidth, lipWidth)).ToList();
            Matrix<double>? xtx = null, xty = null;
            for (var f = 0; f < folds.Count; f++)
            {
                if (excluded.Contains(f)) continue;
                xtx = xtx is null ? perFold[f].Xtx.Clone() : xtx + perFold[f].Xtx;
                xty = xty is null ? perFold[f].Xty.Clone() : xty + perFold[f].Xty;
            }
            return weightCache[key] = fitter.Solve((xtx!, xty!));
        }

        var report = new StringBuilder();
        var inv = CultureInfo.InvariantCulture;
        report.AppendLine("| variant | AUC 0.2 | AUC 0.5 | AUC 1.0 | swap | rec 0.2 (≥3 s) | rec 0.5 (≥3 s) | real at 0 (≥3 s) | inner J by fold |");
        report.AppendLine("|---|---|---|---|---|---|---|---|---|");
        var outerRows = new List<List<Row>>();
        var innerJ = new List<double[]>();
        foreach (var (name, variant) in variants)
        {
            tracks = [.. reals.Select(r => byAudio[variant.Audio][r.Item.Path])];
            audioWidth = tracks[0].AudioWidth;
            var fitter = new SyncFitter(variant);
            var outer = new List<Row>();
            var inner = new double[folds.Count];
            for (var f = 0; f < folds.Count; f++)
            {
                var trainIdx = Enumerable.Range(0, tracks.Count).Where(i => foldOf[i] != f).ToList();
                var model = fitter.Complete(Weights(fitter, variant, [f]), trainIdx.Select(i => tracks[i]).ToList(), audioWidth, lipWidth);
                outer.AddRange(ScoreFold(new SyncScorer(model), f));
                var innerRows = new List<Row>();
                for (var g = 0; g < folds.Count; g++)
                {
                    if (g == f || !options.Nested) continue;
                    var innerTrain = Enumerable.Range(0, tracks.Count).Where(i => foldOf[i] != f && foldOf[i] != g).Select(i => tracks[i]).ToList();
                    innerRows.AddRange(ScoreFold(new SyncScorer(fitter.Complete(Weights(fitter, variant, [f, g]), innerTrain, audioWidth, lipWidth)), g));
                }
                inner[f] = options.Nested ? Criterion(innerRows) : double.NaN;
            }
            outerRows.Add(outer);
            innerJ.Add(inner);
            report.AppendLine(inv, $"| {name} | {Summary(outer)} | {string.Join(" ", inner.Select(j => j.ToString("0.000", inv)))} |");
            Console.Error.WriteLine(report.ToString().Split('\n')[^2]);
            // Where real clips put their best lag, by source: a systematic lag says the data, a spread says the measure.
            if (Environment.GetEnvironmentVariable("SYNC_LAB_SOURCES") is null) continue;
            foreach (var source in outer.Where(r => r.Kind == "real" && r.Long && r.Result.IsJudged).GroupBy(r => Source(reals[r.Index].Item.Path)))
                Console.Error.WriteLine($"  {source.Key}: {string.Join(" ", source.GroupBy(r => Math.Clamp(r.Result.OffsetFrames, -9, 9)).OrderBy(g => g.Key).Select(g => $"{g.Key}:{g.Count()}"))}  mean c0 {source.Average(r => r.Result.LagCorrelations[15]):0.00}");
        }
        // Nested choice: per outer fold the variant with the best inner criterion.
        var nested = new List<Row>();
        var chosen = new List<string>();
        for (var f = 0; f < folds.Count; f++)
        {
            var best = Enumerable.Range(0, variants.Count).MaxBy(v => innerJ[v][f]);
            chosen.Add(variants[best].Name);
            nested.AddRange(outerRows[best].Where(r => r.Fold == f));
        }
        if (!options.Nested) return report.ToString();
        report.AppendLine(inv, $"| nested choice ({string.Join("; ", chosen)}) | {Summary(nested)} | |");
        return report.ToString();

        IEnumerable<Row> ScoreFold(SyncScorer scorer, int fold)
        {
            for (var i = 0; i < tracks.Count; i++)
            {
                if (foldOf[i] != fold) continue;
                var track = tracks[i];
                var isLong = track.FrameCount >= 75;
                yield return new Row(fold, "real", scorer.Score(track), 0, isLong) { Index = i };
                for (var s = 0; s < ShiftFrames.Length; s++)
                {
                    var shift = signs[i][s] * ShiftFrames[s];
                    yield return new Row(fold, $"shift{ShiftFrames[s]}", scorer.Score(track.WithAudioShift(shift)), shift, isLong);
                }
                if (partner[i] >= 0) yield return new Row(fold, "swap", scorer.Score(track.WithAudioFrom(tracks[partner[i]])), int.MinValue, isLong);
            }
        }
    }

    private static double Criterion(List<Row> rows) =>
        (Auc(rows, "shift12") + Auc(rows, "swap") + Recovery(rows, "shift12")) / 3;

    private static string Summary(List<Row> rows)
    {
        var inv = CultureInfo.InvariantCulture;
        return string.Join(" | ",
            Auc(rows, "shift5").ToString("0.000", inv), Auc(rows, "shift12").ToString("0.000", inv), Auc(rows, "shift25").ToString("0.000", inv), Auc(rows, "swap").ToString("0.000", inv),
            Recovery(rows, "shift5").ToString("0.00", inv), Recovery(rows, "shift12").ToString("0.00", inv), Recovery(rows, "real").ToString("0.00", inv));
    }

    private static double Auc(List<Row> rows, string kind)
    {
        var r = rows.Where(x => x.Kind == "real" && x.Result.IsJudged).ToList();
        var n = rows.Where(x => x.Kind == kind && x.Result.IsJudged).ToList();
        if (r.Count == 0 || n.Count == 0) return double.NaN;
        // Manipulation score = −margin (monotone in 1 − calibrated score).
        var scores = r.Select(x => -x.Result.Margin).Concat(n.Select(x => -x.Result.Margin)).ToList();
        var labels = r.Select(_ => 0).Concat(n.Select(_ => 1)).ToList();
        return BinaryMetrics.Compute(scores, labels).Auc;
    }

    private static double Recovery(List<Row> rows, string kind)
    {
        var judged = rows.Where(x => x.Kind == kind && x.Long && x.Result.IsJudged).ToList();
        return judged.Count == 0 ? double.NaN : judged.Count(x => Math.Abs(x.Result.OffsetFrames - x.Shift) <= 1) / (double)judged.Count;
    }

    private static string Source(string path)
    {
        var name = Path.GetFileName(path);
        var cut = name.IndexOfAny(['_', '-']);
        return cut > 0 ? name[..cut] : Path.GetFileName(Path.GetDirectoryName(path)) ?? name;
    }

    private sealed record Row(int Fold, string Kind, SyncResult Result, int Shift, bool Long)
    {
        public int Index { get; init; } = -1;
    }
}
