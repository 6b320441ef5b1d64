using System.CommandLine;
using System.Globalization;
using LipSyncGuard.Analysis;
using LipSyncGuard.Data;
using LipSyncGuard.Detection;
using LipSyncGuard.Detection.Cues;
using LipSyncGuard.Sync;
using LipSyncGuard.Training;
using Spectre.Console;

namespace LipSyncGuard.Cli.Commands;

/// <summary><c>lipsync fit-cues --data-dir D</c>: the cue verdict (sync measure, mouth texture, lip jitter, mouth
/// consistency, resampling, the mouth's appearance to a frozen ResNet18, head motion, how far the jaw follows the lips, the
/// mouth's detail against the forehead's) judged
/// the way it will be used — folds holding out whole sources, generator families and people — then
/// the feature set that does best there fitted on everything, with its thresholds set on held-out real sources.</summary>
public static class FitCuesCommand
{
    /// <summary>Following faces between whole-frame searches every 10 detector runs: on small faces a followed run costs a
    /// fifth of a search (docs/benchmarks.md), and the cues are fitted on the crops it cuts, so the verdict is measured on
    /// what it will be shown.</summary>
    public const int DefaultKeyFrameEvery = 10;

    /// <summary>Builds the command.</summary>
    public static Command Create()
    {
        var dataDir = new Option<string>("--data-dir") { Description = "Dataset with manifest.csv (path,label,group,kind,generator): reals, lip-sync and generated-head fakes.", Required = true };
        var sources = new Option<string?>("--sources") { Description = "Provenance table (tab-separated, columns local_path and repo) naming each clip's source; default: SOURCES.tsv in the data folder, else each group is its own source." };
        var output = new Option<string>("--output") { Description = "Folder for lipsyncguard-cues.json, sync-landmarks.json, protocol.md and protocol-scores.csv (the held-out score of every clip the report counts).", DefaultValueFactory = _ => Path.Combine("weights", "cues") };
        var folds = new Option<int>("--folds") { Description = "Cross-validation folds (each holds out whole sources and generator families).", DefaultValueFactory = _ => 5 };
        var seed = new Option<int>("--seed") { Description = "Seed of the synthetic audio negatives.", DefaultValueFactory = _ => 7 };
        var cacheDir = new Option<string>("--cache-dir") { Description = "Feature cache (filled by preprocessing on first use).", DefaultValueFactory = _ => Path.Combine(".cache", "features") };
        var resnet = new Option<string?>("--resnet") { Description = "Folder of the ImageNet ResNet18 mouth encoder (default: models/resnet18, fetched by ./setup.sh, found as analyze finds it)." };
        var reencoded = new Option<string?>("--reencoded") { Description = "CSV of re-encoded copies of the videos (path of the copy, path of its original; no header): each is fitted with its original's label in its original's fold; the reals' copies are also reported beside the held-out reals." };
        var audit = new Option<string?>("--audit")
        {
            Description = $"CSV of copies of the videos re-encoded at the shortcut audit's setting ({CueProtocol.AuditSetting}; path of the copy, path of its original; no header): never fitted, each scored by the model that holds its original out, reported against it.",
        };
        var deals = new Option<int>("--deals")
        {
            Description = "Partitions of the sources into folds the variants are compared on: the first deals the joined components largest first (its tables are reported), the others in seeded random orders; the variant with the best mean criterion over them is kept.",
            DefaultValueFactory = _ => 3,
        };
        var keyFrameEvery = new Option<int>("--key-frame-every")
        {
            Description = "Face following the cues are measured with and the verdict will analyse with: a whole-frame search every K detector runs, faces followed between by their 68 landmarks (1: search every frame).",
            DefaultValueFactory = _ => DefaultKeyFrameEvery,
        };
        var command = new Command("fit-cues", "Judge the training-free cues on held-out sources and generator families, then fit and calibrate the cue verdict.")
        {
            dataDir, sources, output, folds, seed, cacheDir, resnet, keyFrameEvery, reencoded, audit, deals,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var directory = parse.GetValue(dataDir)!;
            var items = TrainingCommandSupport.Items(directory).Where(i => i.Kind is "real" or "lipsync" or "generated").ToList();
            if (!items.Any(i => i.Label == 0) || !items.Any(i => i.Label == 1))
                throw new UsageException($"--data-dir '{directory}' needs real and generator-fake videos (kinds real, lipsync, generated)");
            var k = parse.GetValue(folds);
            if (k is < 3 or > 20) throw new UsageException("--folds must be in 3…20");
            var partitions = parse.GetValue(deals);
            if (partitions is < 1 or > 10) throw new UsageException("--deals must be in 1…10");
            var sourcesPath = parse.GetValue(sources) ?? Path.Combine(directory, "SOURCES.tsv");
            if (parse.GetValue(sources) is { } given && !File.Exists(given)) throw new UsageException($"--sources '{given}' does not exist");
            var sourceMap = File.Exists(sourcesPath) ? SourceFolds.ReadSources(sourcesPath) : new Dictionary<string, string>();
            var root = Path.GetFullPath(directory);
            string? SourceOf(DatasetItem item) => sourceMap.TryGetValue(Path.GetRelativePath(root, item.Path).Replace('\\', '/'), out var s) ? s : null;

            var following = parse.GetValue(keyFrameEvery);
            PreprocessOptions preprocess;
            try
            {
                preprocess = (PreprocessOptions.Default with { KeyFrameEvery = following }).Validate();
            }
            catch (ArgumentOutOfRangeException e)
            {
                throw UsageException.OutOfRange(e);
            }
            var copies = parse.GetValue(reencoded) is { } copiesPath ? ReadCopies("--reencoded", copiesPath, items, "a video") : [];
            var audited = parse.GetValue(audit) is { } auditPath ? ReadCopies("--audit", auditPath, items, "a video") : [];
            var cache = await TrainingCommandSupport.PrepareAsync([.. items, .. copies.Values, .. audited.Values], parse.GetValue(cacheDir)!, WindowSourceOptions.Default, new ConsoleLogger(), cancellationToken, preprocess).ConfigureAwait(false);
            var protocol = new CueProtocol(k, parse.GetValue(seed));
            var measured = new CueVideo?[items.Count];
            var next = -1;
            // Found as the analysis finds it (beside the build, not the working directory), so fit-cues runs from anywhere.
            var encoderDirectory = parse.GetValue(resnet) ?? LipSyncAnalyzerOptions.Default.ResolveEncoderDirectory();
            // Two workers, each with its own encoder (not thread-safe); one video's crops in memory per worker.
            await Parallel.ForEachAsync(Enumerable.Range(0, 2), cancellationToken, async (_, token) =>
            {
                using var embedder = new MouthEmbedder(encoderDirectory);
                int i;
                while ((i = Interlocked.Increment(ref next)) < items.Count)
                {
                    var item = items[i];
                    if (await cache.TryLoadAsync(item, token).ConfigureAwait(false) is not { } video) continue;
                    var track = video.Tracks.Where(t => !t.Fallback).MaxBy(t => t.Length);
                    var source = SourceOf(item) ?? item.Group;
                    async Task<CueVideo?> CopyAsync(Dictionary<DatasetItem, DatasetItem> of) =>
                        of.TryGetValue(item, out var copyItem) && await cache.TryLoadAsync(copyItem, token).ConfigureAwait(false) is { } copyVideo
                            ? Measure(copyVideo, source, embedder, protocol.SyncOptions.Audio) : null;
                    measured[i] = Measure(video, source, embedder, protocol.SyncOptions.Audio) with
                    {
                        SelfBlended = track is null || item.Label != 0 ? null : SelfBlendedMouths.Measure(track, embedder, parse.GetValue(seed) + i),
                        Reencoded = await CopyAsync(copies).ConfigureAwait(false),
                        Audit = await CopyAsync(audited).ConfigureAwait(false),
                    };
                }
            }).ConfigureAwait(false);
            var videos = measured.OfType<CueVideo>().ToList();
            var sourceOfItem = videos.ToDictionary(v => v.Item, v => v.Source);
            // One file filed under two names (and two sources) is joined into one fold by its content — by the files' hash
            // alone: a key that also hashed the extraction settings (the cache entry's) re-dealt every partition whenever a
            // setting changed, so a change to extraction was judged on other folds than the model it was compared with.
            var contentOf = new Dictionary<DatasetItem, string>();
            foreach (var v in videos) contentOf[v.Item] = await FeatureCache.ContentKeyAsync(v.Item, cancellationToken).ConfigureAwait(false);
            int[] Partition(int? shuffle) => SourceFolds.Assign([.. videos.Select(v => v.Item)], i => sourceOfItem[i], k, i => contentOf[i], shuffle);
            var heldOutFolds = Partition(null);
            var dealt = Enumerable.Range(1, partitions - 1).Select(deal => Partition(parse.GetValue(seed) + deal)).ToList();
            var groupFolds = GroupSplit.Folds([.. videos.Select(v => v.Item)], k, parse.GetValue(seed));
            var sameSourceFold = videos.Select(v => Enumerable.Range(0, groupFolds.Count).First(f => groupFolds[f].Contains(v.Item))).ToArray();
            // Checked before hours of fitting: a fold whose fitting side has too few real faces cannot fit a sync measure.
            foreach (var folding in (IEnumerable<int[]>)[heldOutFolds, .. dealt, sameSourceFold])
            {
                if (CueProtocol.TooFewReals(videos, folding) is { } lacking)
                {
                    throw new UsageException($"--data-dir '{directory}': with --folds {k}, fold {lacking.Fold + 1} leaves {lacking.Reals} real video(s) with a face to fit on (whole sources and generator families stay in one fold); "
                        + $"at least {CueProtocol.MinFittingReals} are needed on every fold's fitting side: add real videos from more sources or lower --folds");
                }
            }
            // Every run (a partition, or the same-source split) is single-threaded and depends on its folds alone: they run
            // side by side, one per core — the same figures as one after another, in about half the time on two cores.
            IReadOnlyList<int>[] foldings = [heldOutFolds, .. dealt, sameSourceFold];
            var runs = new IReadOnlyDictionary<string, CueProtocol.Scored>[foldings.Length];
            string Label(int r) => r == foldings.Length - 1 ? "same-source split" : $"partition {r + 1}/{partitions}";
            await Parallel.ForAsync(0, foldings.Length, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount, CancellationToken = cancellationToken }, (r, _) =>
            {
                runs[r] = protocol.Run(videos, foldings[r], new TrainingCommandSupport.SynchronousProgress<string>(m => Console.Error.WriteLine($"{Label(r)}: {m}")));
                return ValueTask.CompletedTask;
            }).ConfigureAwait(false);
            var heldOut = runs[0];
            // Which sources share a fold moves every figure a little, enough to swap two variants within the noise of each
            // other: the choice is made on the mean criterion over several partitions, not on the one reported in full.
            // Only the variants these videos can fit take part (`CueProtocol.Run` leaves out one whose head has no fakes of its
            // kinds in some fold), in every partition.
            var criteria = heldOut.ToDictionary(kv => kv.Key, kv => new List<double> { CueProtocol.Criterion(kv.Value) });
            foreach (var other in runs[1..^1])
            {
                foreach (var name in criteria.Keys.ToList())
                {
                    if (other.TryGetValue(name, out var partition)) criteria[name].Add(CueProtocol.Criterion(partition));
                    else criteria.Remove(name);
                }
            }
            var sameSource = runs[^1];
            var chosen = CueProtocol.Variants.Where(v => criteria.ContainsKey(v.Name) && sameSource.ContainsKey(v.Name)).MaxBy(v => criteria[v.Name].Average())
                ?? throw new UsageException($"--data-dir '{directory}': no cue verdict can be fitted on these videos (every variant needs fakes of the kinds its heads learn from in every fold)");
            var report = CueProtocol.Report(chosen.Name, heldOut, sameSource, k, criteria.ToDictionary(kv => kv.Key, kv => (IReadOnlyList<double>)kv.Value));

            // The shipped model: the sync measure on every real, the chosen fusion on every video and its negatives,
            // thresholds from the held-out reals' out-of-fold scores.
            var outputDir = Directory.CreateDirectory(parse.GetValue(output)!).FullName;
            var all = Enumerable.Range(0, videos.Count).ToList();
            var syncPath = Path.Combine(outputDir, "sync-landmarks.json");
            // The analysis follows faces the way these features were measured.
            var byPoints = preprocess.ToExtractorOptions().Faces.FollowByPoints;
            var reals = videos.Count(v => v.Item.Label == 0 && v.Track is not null);
            var sync = protocol.FitSync(videos, all, string.Create(CultureInfo.InvariantCulture, $"fitted {DateTime.UtcNow:yyyy-MM-dd} by lipsync fit-cues on {reals} real videos of '{Path.GetFileName(root)}'")) with { KeyFrameEvery = following, FollowByPoints = byPoints };
            sync.Save(syncPath);
            var samples = protocol.Samples(videos, all, new int[videos.Count], new Sync.SyncScorer(sync), testNegatives: false);
            // Calibration and operating points from the held-out sources' out-of-fold scores (the calibration is monotone,
            // so the points keep their rates on the calibrated scale).
            var scored = heldOut[chosen.Name];
            var calibration = CueFusion.FitCalibration(scored.Scores, [.. scored.Samples.Select(s => s.Label)]);
            var calibrator = new CueFusion([]) { Calibration = calibration };
            var points = CueProtocol.PointsFrom([.. Enumerable.Range(0, scored.Samples.Count).Where(i => scored.Samples[i].Kind == "real").Select(i => calibrator.Calibrate(scored.Scores[i]))]);
            var counts = string.Join(", ", videos.GroupBy(v => v.Item.Kind).Concat(videos.Where(v => v.Reencoded is not null).GroupBy(_ => "re-encoded copies")).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => $"{g.Count()} {g.Key}"));
            var fusion = CueProtocol.Fit(chosen, samples) with
            {
                Calibration = calibration,
                KeyFrameEvery = following,
                FollowByPoints = byPoints,
                Threshold = points["balanced"].Manipulated,
                OperatingPoints = points,
                SyncModel = $"{Path.GetFileName(syncPath)}: {sync.Provenance}",
                FittedOn = string.Create(CultureInfo.InvariantCulture, $"'{Path.GetFileName(root)}' ({counts}; {videos.Select(v => v.Source).Distinct().Count()} sources) plus a swap and a shift of each real, by lipsync fit-cues --folds {k} --key-frame-every {following}"),
                Evaluation = report,
                Limitations = CueProtocol.Limitations(scored),
            };
            var modelPath = Path.Combine(outputDir, "lipsyncguard-cues.json");
            fusion.Save(modelPath);
            File.WriteAllText(Path.Combine(outputDir, "protocol.md"), report);
            // The reported partition's held-out scores of the kept verdict, clip by clip, beside the report they add up to.
            using (var scores = new StreamWriter(Path.Combine(outputDir, "protocol-scores.csv")))
                CueProtocol.WriteScores(scores, scored, v => Path.GetRelativePath(root, videos[v].Item.Path).Replace('\\', '/'));
            Console.WriteLine(report);
            AnsiConsole.MarkupLine($"kept [bold]{Markup.Escape(chosen.Name)}[/]; → [green]{Markup.Escape(modelPath)}[/], {Markup.Escape(syncPath)}");
            return CliApp.Ok;
        });
        return command;
    }

    /// <summary>The traces of a video's longest face track beside its sync input, with audio features of
    /// <paramref name="audio"/> (no face: nothing measured).</summary>
    private static CueVideo Measure(PreprocessedVideo video, string source, MouthEmbedder embedder, SyncAudio audio)
    {
        var track = video.Tracks.Where(t => !t.Fallback).MaxBy(t => t.Length);
        return new CueVideo(video.Item, source, track is null ? null : CachedSync.Track(video, track, audio),
            track is null ? new FaceCues(null, default, default, default) : FaceCues.Measure(track, null, [embedder]))
        {
            FaceSize = track?.MedianEyeDistance() ?? double.NaN,
        };
    }

    /// <summary>The re-encoded copy of each of <paramref name="originals"/> listed in <paramref name="path"/> (lines
    /// "copy,original"; <paramref name="option"/> names the list in errors, <paramref name="what"/> what an original must
    /// be): the original's item with the copy's video (and the original's separate audio, if any).</summary>
    private static Dictionary<DatasetItem, DatasetItem> ReadCopies(string option, string path, IEnumerable<DatasetItem> originals, string what)
    {
        if (!File.Exists(path)) throw new UsageException($"{option} '{path}' does not exist");
        var byPath = originals.ToDictionary(i => Path.GetFullPath(i.Path), StringComparer.Ordinal);
        var copies = new Dictionary<DatasetItem, DatasetItem>();
        foreach (var (line, number) in File.ReadLines(path).Select((l, n) => (l, n + 1)).Where(x => x.l.Length > 0))
        {
            var parts = line.Split(',');
            if (parts.Length != 2) throw new UsageException($"{option} '{path}' line {number}: expected 'copy,original'");
            if (!File.Exists(parts[0])) throw new UsageException($"{option} '{path}' line {number}: copy '{parts[0]}' does not exist");
            if (!byPath.TryGetValue(Path.GetFullPath(parts[1]), out var original))
                throw new UsageException($"{option} '{path}' line {number}: '{parts[1]}' is not {what} of --data-dir");
            copies[original] = original with { Path = Path.GetFullPath(parts[0]) };
        }
        return copies;
    }
}
