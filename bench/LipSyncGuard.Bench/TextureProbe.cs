using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using LipSyncGuard.Data;
using LipSyncGuard.Training;
using LipSyncGuard.Detection;

namespace LipSyncGuard.Bench;

/// <summary>Issue 12's texture cue alone (<see cref="TextureCue"/> features on the longest face track's cached mouth
/// crops): fitted on a training set's reals against its generator fakes, scored per kind on test sets, then leave one
/// generator family out. Videos missing from the feature cache (run <c>lipsync preprocess</c> or a training run first) or
/// without a face are left out and counted.</summary>
internal static class TextureProbe
{
    /// <summary>Generator families with at least three shared clips (the <c>logo</c> stage of scripts/train-default.sh).</summary>
    private static readonly (string Name, Regex Generator)[] Families =
    [
        ("Wav2Lip", new("Wav2Lip")), ("LatentSync", new("LatentSync")), ("SadTalker-Video-Lip-Sync", new("SadTalker-Video-Lip-Sync")),
        ("DreamTalk", new("DreamTalk")), ("AniTalker", new("AniTalker")), ("EDTalk", new("EDTalk")), ("SadTalker", new(@"^SadTalker( \(|$)")),
    ];

    public static async Task<string> RunAsync(BenchOptions options)
    {
        if (options.Train is null || options.Test is null) throw new ArgumentException("texture-probe needs --train DIR --test DIR[,DIR…] (datasets with manifest.csv)");
        var cache = new FeatureCache(options.CacheDir ?? Path.Combine(Repository.Root, ".cache", "features"));
        var missing = 0;
        async Task<LinearProbe.Set> Load(string dir)
        {
            var items = new List<DatasetItem>();
            var x = new List<double[]>();
            foreach (var item in LinearProbe.Items(dir))
            {
                var video = await cache.TryLoadAsync(item).ConfigureAwait(false);
                if (video is null || TextureCue.MeasureLongestFace(video) is not { Frames: >= TextureCue.MinFrames } stats)
                {
                    missing++;
                    continue;
                }
                items.Add(item);
                x.Add(TextureCue.Features(stats));
            }
            return new LinearProbe.Set(dir, x, items);
        }
        // Fitted on what `lipsync fit-texture` fits on (reals against generator fakes); synth and audio fakes stay in
        // the test sets, where texture should not flag them.
        var all = await Load(options.Train).ConfigureAwait(false);
        static bool Generator(DatasetItem i) => i.Label == 1 && TextureCue.Teaches(i);
        var train = all.Where(all.Name + " (reals vs generator fakes)", TextureCue.Teaches);
        var tests = new List<LinearProbe.Set>();
        foreach (var dir in options.TestDirectories) tests.Add(await Load(dir).ConfigureAwait(false));
        var text = new StringBuilder(LinearProbe.Report("Mouth texture probe", TextureCue.FeatureNames, train, tests, balanced: true));

        // Leave one family out: fit without its clips, score them (from both sides of the split) against the first test
        // set's reals.
        text.AppendLine().AppendLine("| left-out family | its clips | AUC vs held-out reals |").AppendLine("|---|---|---|");
        foreach (var (name, pattern) in Families)
        {
            bool InFamily(DatasetItem i) => Generator(i) && pattern.IsMatch(i.Generator);
            var family = new LinearProbe.Set(name, [.. train.X, .. tests[0].X], [.. train.Items, .. tests[0].Items])
                .Where(name, i => InFamily(i) || (i.Label == 0 && tests[0].Items.Contains(i)));
            var clips = family.Items.Count(i => i.Label == 1);
            if (clips < 3) continue;
            var auc = LinearProbe.Fit(train.Where(name, i => !InFamily(i)), balanced: true).Evaluate(family).Overall.Auc;
            text.AppendLine(CultureInfo.InvariantCulture, $"| {name} | {clips} | {auc:0.000} |");
        }
        return text.AppendLine().AppendLine(CultureInfo.InvariantCulture, $"{missing} videos left out (not in the feature cache, or fewer than {TextureCue.MinFrames} trusted face frames).").ToString();
    }
}
