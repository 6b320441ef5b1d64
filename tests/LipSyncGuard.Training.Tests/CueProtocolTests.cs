using LipSyncGuard.Data;
using LipSyncGuard.Detection.Cues;
using LipSyncGuard.Faces;
using LipSyncGuard.Sync;
using Xunit;

namespace LipSyncGuard.Training.Tests;

public sealed class CueProtocolTests
{
    private const int AudioWidth = 6;
    private const int LipWidth = 3;

    /// <summary>A face whose mouth opens with the loudness of its audio (lag 0), in pulses of random length.</summary>
    private static SyncTrack Speaking(int seed, int frames = 250)
    {
        var random = new Random(seed);
        var audio = new float[frames * AudioWidth];
        var lips = new float[frames * LipWidth];
        var valid = new bool[frames];
        var speech = new float[frames];
        var (phase, period) = (0.0, 6.0);
        for (var t = 0; t < frames; t++)
        {
            if ((phase += 2 * Math.PI / period) > 2 * Math.PI) (phase, period) = (0, 4 + (6 * random.NextDouble()));
            var open = Math.Max(0, Math.Sin(phase));
            speech[t] = open > 0.05 ? 1 : 0;
            for (var k = 0; k < AudioWidth; k++) audio[(t * AudioWidth) + k] = (float)(Math.Log(1e-3 + (open * (1 + (0.2 * k)))) + (0.2 * random.NextDouble()));
            for (var k = 0; k < LipWidth; k++) lips[(t * LipWidth) + k] = (float)(((k == 2 ? -0.5 : 1) * open) + (0.1 * random.NextDouble()));
            valid[t] = true;
        }
        return new SyncTrack(frames, audio, AudioWidth, lips, LipWidth, valid, speech);
    }

    private static FaceCues Traces(double sharpness) => new(null, new MouthTextureStats(sharpness, 0.1, 0.2, 100), default, default);

    /// <summary>Out-of-fold scores judged at the same three operating points for every sample (balanced: manipulated from
    /// 0.75, inconclusive from 0.5), none of them outside the reals' range.</summary>
    private static CueProtocol.Scored AtFixedPoints(IReadOnlyList<CueProtocol.Sample> samples, IReadOnlyList<double> scores)
    {
        var points = new Dictionary<string, OperatingPoint>(StringComparer.Ordinal)
        {
            ["strict"] = new(0.85, 0.6, 0.02, 0.1),
            ["balanced"] = new(0.75, 0.5, 0.05, 0.2),
            ["sensitive"] = new(0.65, 0.4, 0.1, 0.3),
        };
        return new CueProtocol.Scored(samples, scores, [.. samples.Select(_ => (IReadOnlyDictionary<string, OperatingPoint>)points)], [.. samples.Select(_ => false)]);
    }

    private static CueVideo Real(int i, CueVideo? copy = null) =>
        new(new DatasetItem($"/data/real{i}.mp4", 0, $"person{i}", "real", "-", null), $"source{i}", Speaking(i), Traces(0.5)) { Reencoded = copy };

    [Fact]
    public void Samples_RealWithReencodedCopy_CopyIsARealBesideItOnBothSides()
    {
        var copy = new CueVideo(new DatasetItem("/data/real0-240p.mp4", 0, "person0", "real", "-", null), "source0", Speaking(0), Traces(-0.4));
        var videos = new List<CueVideo> { Real(0, copy), Real(1), Real(2), Real(3) };
        var protocol = new CueProtocol(folds: 3, seed: 1);
        var scorer = new SyncScorer(protocol.FitSync(videos, [0, 1, 2, 3]));
        var fold = new[] { 0, 0, 0, 0 };

        foreach (var testNegatives in new[] { false, true })
        {
            var samples = protocol.Samples(videos, [0, 1, 2, 3], fold, scorer, testNegatives);

            var copies = samples.Where(s => s.Kind == CueHeadSpec.ReencodedReal).ToList();
            var single = Assert.Single(copies);
            Assert.Equal((0, 0), (single.Video, single.Label));
            Assert.Equal(-0.4, single.Cues.Texture.Sharpness);
            // Its sync is measured on its own track, so an audio head sees it as a real too.
            Assert.NotNull(single.Cues.SyncScore);
            Assert.True(CueHeadSpec.IsFittedReal(single.Kind));
        }
    }

    [Fact]
    public void Samples_FakeWithReencodedCopy_CopyIsFittedAsTheFakeButNeverScored()
    {
        var copy = new CueVideo(new DatasetItem("/data/fake0-480p.mp4", 1, "person9", "lipsync", "Wav2Lip (HQ)", null), "sourceF", Speaking(9), Traces(-0.9));
        var fake = new CueVideo(new DatasetItem("/data/fake0.mp4", 1, "person9", "lipsync", "Wav2Lip (HQ)", null), "sourceF", Speaking(9), Traces(-0.6)) { Reencoded = copy };
        var videos = new List<CueVideo> { Real(0), Real(1), Real(2), fake };
        var protocol = new CueProtocol(folds: 3, seed: 1);
        var scorer = new SyncScorer(protocol.FitSync(videos, [0, 1, 2]));

        var fitted = protocol.Samples(videos, [0, 1, 2, 3], [0, 0, 0, 0], scorer, testNegatives: false).Where(s => s.Video == 3).ToList();
        var scored = protocol.Samples(videos, [0, 1, 2, 3], [0, 0, 0, 0], scorer, testNegatives: true).Where(s => s.Video == 3).ToList();

        // Fitted: the fake and its copy, both a lip-sync fake of its family (so the lossy copy teaches the heads as a fake).
        Assert.Equal([-0.6, -0.9], fitted.Select(s => s.Cues.Texture.Sharpness));
        Assert.All(fitted, s => Assert.Equal(("lipsync", 1, "family Wav2Lip"), (s.Kind, s.Label, CueProtocol.Stratum(s))));
        // Scored: the fake alone, so the held-out family figures count each clip once.
        Assert.Equal(-0.6, Assert.Single(scored).Cues.Texture.Sharpness);
    }

    [Fact]
    public void Stratum_GeneratorFakesAndCopiesOfReals_FamilyOrTheRealsSource()
    {
        var copy = new CueVideo(new DatasetItem("/data/real0-240p.mp4", 0, "person0", "real", "-", null), "source0", Speaking(0), Traces(-0.4));
        var fake = new CueVideo(new DatasetItem("/data/fake0.mp4", 1, "person9", "lipsync", "Wav2Lip (HQ)", null), "sourceF", Speaking(9), Traces(-0.6));
        var videos = new List<CueVideo> { Real(0, copy), Real(1), Real(2), fake };
        var protocol = new CueProtocol(folds: 3, seed: 1);
        var scorer = new SyncScorer(protocol.FitSync(videos, [0, 1, 2]));

        var samples = protocol.Samples(videos, [0, 1, 2, 3], [0, 0, 0, 0], scorer, testNegatives: true);

        Assert.Equal("family Wav2Lip", CueProtocol.Stratum(Assert.Single(samples, s => s.Kind == "lipsync")));
        // A real, its re-encoded copy, and every swap, shift and late copy cut from it stand for the real's source.
        Assert.All(samples.Where(s => s.Video == 0), s => Assert.Equal("source source0", CueProtocol.Stratum(s)));
        Assert.Contains(samples, s => s.Video == 0 && s.Kind == CueHeadSpec.ReencodedReal);
        Assert.Contains(samples, s => s.Video == 1 && s.Kind == "swap" && CueProtocol.Stratum(s) == "source source1");
    }

    [Fact]
    public void Summary_HeldOutCopies_ReportedApartFromTheReals()
    {
        var samples = new List<CueProtocol.Sample>();
        var scores = new List<double>();
        void Add(string kind, int label, double score)
        {
            samples.Add(new CueProtocol.Sample(samples.Count, kind, label, label == 1 ? "Wav2Lip" : "-", 0, Traces(0)));
            scores.Add(score);
        }
        for (var i = 0; i < 10; i++)
        {
            Add("real", 0, 0.1 + (0.01 * i));
            Add(CueHeadSpec.ReencodedReal, 0, i < 3 ? 0.9 : 0.2);
            Add("lipsync", 1, 0.8);
            Add("swap", 1, 0.7);
            Add("shift-late-0.5s", 1, 0.7);
            Add("shift-early-0.5s", 1, 0.7);
        }
        var scored = AtFixedPoints(samples, scores);

        var table = CueProtocol.Summary(scored);

        Assert.Equal(0.3, table.ReencodedManipulated, 9);
        Assert.Equal(0, table.RealRates["balanced"].Manipulated);
        Assert.Equal(1, table.Kinds["lipsync"].Auc);
    }

    [Fact]
    public void Report_FalseAlarmsOfOneSource_NamedInThePerSourceTable()
    {
        // Eight reals of a studio corpus, two of them called manipulated at balanced; four reals of a broadcast, none.
        var samples = new List<CueProtocol.Sample>();
        var scores = new List<double>();
        void Add(string kind, int label, string source, double score)
        {
            samples.Add(new CueProtocol.Sample(samples.Count, kind, label, label == 1 ? "Wav2Lip" : "-", 0, Traces(0)) { Source = source });
            scores.Add(score);
        }
        for (var i = 0; i < 8; i++) Add("real", 0, "studio", i < 2 ? 0.8 : 0.1);
        for (var i = 0; i < 4; i++) Add("real", 0, "broadcast", i < 1 ? 0.6 : 0.1);
        foreach (var kind in new[] { "lipsync", "swap", "shift-late-0.5s", "shift-early-0.5s", "shift-1s" }) Add(kind, 1, "studio", 0.9);
        var scored = AtFixedPoints(samples, scores);

        var table = CueProtocol.Summary(scored);
        var report = CueProtocol.Report("v", new Dictionary<string, CueProtocol.Scored> { ["v"] = scored }, null, 5);

        Assert.Equal([("studio", 8, 0.25, 0.0), ("broadcast", 4, 0.0, 0.25)], table.Sources);
        Assert.Contains("averaged over its 2 sources, 13% of a source's reals called manipulated and 13% inconclusive; 1 of them with any real called manipulated:", report, StringComparison.Ordinal);
        Assert.Contains("| studio | 8 | 25% | 0% |", report, StringComparison.Ordinal);
        Assert.DoesNotContain("| broadcast |", report, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_NoGeneratedHeads_LeavesOutTheVariantsTaughtByThemAlone()
    {
        // Lip-sync fakes only (an AVLips-layout dataset): the head-motion head learns from generated heads alone.
        var videos = new List<CueVideo>();
        for (var i = 0; i < 9; i++) videos.Add(Real(i) with { Traces = Traces(0.6 + (0.03 * i)) });
        for (var i = 0; i < 6; i++) videos.Add(Fake(i, 0.1 + (0.03 * i)));
        var fold = Enumerable.Range(0, videos.Count).Select(i => i % 3).ToArray();

        var scored = new CueProtocol(folds: 3, seed: 1).Run(videos, fold);

        var taughtByGenerated = CueProtocol.Variants.Where(v => v.Heads.Any(h => h.FakeKinds.Count > 0 && h.FakeKinds.All(k => k == "generated"))).Select(v => v.Name).ToList();
        Assert.NotEmpty(taughtByGenerated);
        Assert.All(taughtByGenerated, name => Assert.False(scored.ContainsKey(name), name));
        Assert.Contains("texture", scored.Keys);
        Assert.Equal(videos.Count, scored["texture"].Samples.Count(s => s.Kind is "real" or "lipsync"));
        // The report lists what was measured and nothing else.
        var report = CueProtocol.Report("texture", scored, null, 3);
        Assert.DoesNotContain("head motion", report, StringComparison.Ordinal);
    }

    private static CueVideo Fake(int i, double sharpness) =>
        new(new DatasetItem($"/data/fake{i}.mp4", 1, $"fakeperson{i}", "lipsync", i % 2 == 0 ? "Wav2Lip" : "LatentSync", null), $"fakesource{i}", Speaking(100 + i), Traces(sharpness));

    [Fact]
    public void Run_AuditCopies_ScoredBesideTheirOriginalsAndNeverFitted()
    {
        // Reals sharp, fakes soft; every audit copy made softer still, as a lossy pass would.
        var plain = new List<CueVideo>();
        // Each real also with a self-blended mouth, which one of the compared variants learns from.
        var blended = Traces(0.3) with { Appearance = new MouthAppearanceStats(16, new float[MouthEmbedder.Dimensions], 0.5, 0.5) };
        for (var i = 0; i < 9; i++) plain.Add(Real(i) with { Traces = Traces(0.6 + (0.03 * i)), SelfBlended = blended });
        for (var i = 0; i < 6; i++) plain.Add(Fake(i, 0.1 + (0.03 * i)));
        var audited = plain.Select((v, i) => v with { Audit = v with { Traces = Traces(v.Traces.Texture.Sharpness - 0.3) } }).ToList();
        var fold = Enumerable.Range(0, plain.Count).Select(i => i % 3).ToArray();
        var protocol = new CueProtocol(folds: 3, seed: 1);

        var without = protocol.Run(plain, fold)["texture"];
        var with = protocol.Run(audited, fold)["texture"];

        // The copies change no score: they are not fitted, calibrated or thresholded on.
        Assert.Equal(without.Scores, with.Scores);
        Assert.Empty(without.Audit);
        Assert.Equal(plain.Count, with.Audit.Count);
        foreach (var copy in with.Audit)
        {
            var original = with.Samples[copy.Sample];
            Assert.Equal(plain[original.Video].Item.Kind, original.Kind);
            // Softer than its original: the texture head scores the copy as more manipulated.
            Assert.True(copy.Score > with.Scores[copy.Sample], $"{original.Kind} {original.Video}");
        }
        Assert.Equal(plain.Count, CueProtocol.SummarizeAudit(with)!.Clips);
        // Each copy carries its heads' scores as the original does: one head here, so the table has no per-head rows.
        Assert.Equal(["traces"], with.HeadNames);
        Assert.All(with.Audit, copy => Assert.Equal(with.HeadUnits[copy.Sample].Count, copy.Heads.Count));
        Assert.Empty(CueProtocol.SummarizeAudit(with)!.Heads);
    }

    [Fact]
    public void WriteScores_SamplesWithAndWithoutCopies_OneRowEachWithHeadsAndCopy()
    {
        var samples = new List<CueProtocol.Sample>
        {
            new(0, "real", 0, "-", 2, Traces(0)) { Source = "studio, corpus" },
            new(1, "lipsync", 1, "Wav2Lip", 1, Traces(0)) { Source = "repo" },
        };
        var scored = AtFixedPoints(samples, [0.2, 0.95]) with
        {
            HeadNames = ["audio", "traces"],
            HeadUnits = [[0.5, -1], [0.25, 3]],
            Audit = [new CueProtocol.AuditScore(1, 0.4, false, [0.125, 0.75])],
        };
        var text = new StringWriter();

        CueProtocol.WriteScores(text, scored, v => $"clips/{v}.mp4");

        var lines = text.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r')).ToList();
        Assert.Equal("video,kind,label,family,source,fold,score,outside_reals_range,strict,balanced,sensitive,head_audio,head_traces,audit_score,audit_balanced,audit_head_audio,audit_head_traces", lines[0]);
        Assert.Equal(3, lines.Count);
        var real = Csv.Split(lines[1]);
        Assert.Equal(["clips/0.mp4", "real", "0", "-", "studio, corpus", "2", "0.2", "false"], real.Take(8));
        Assert.Equal(["0.5", "-1", "", "", "", ""], real.Skip(11));
        var fake = Csv.Split(lines[2]);
        Assert.Equal("manipulated", fake[9]);
        Assert.Equal(["0.25", "3", "0.4", scored.Outcome(scored.Audit[0], "balanced"), "0.125", "0.75"], fake.Skip(11));
    }

    [Fact]
    public void Limitations_SourceDrawingFalseAlarmsAndWeakFamily_NamedWithTheirFigures()
    {
        var samples = new List<CueProtocol.Sample>();
        var scores = new List<double>();
        void Add(string kind, int label, string family, string source, double score)
        {
            samples.Add(new CueProtocol.Sample(samples.Count, kind, label, family, 0, Traces(0)) { Source = source });
            scores.Add(score);
        }
        // A studio source: 2 of its 4 reals above balanced (0.75); a broadcast source of 6 reals and one odd single clip.
        foreach (var score in new[] { 0.8, 0.9, 0.2, 0.3 }) Add("real", 0, "-", "studio", score);
        for (var i = 0; i < 6; i++) Add("real", 0, "-", "broadcast", 0.1 + (0.05 * i));
        Add("real", 0, "-", "one clip", 0.95);
        // A family ranked well, one ranked under the reals (AUC < 0.7), one single clip ranked low (not named: one clip).
        Add("lipsync", 1, "Wav2Lip", "w", 0.99);
        Add("lipsync", 1, "Wav2Lip", "w", 0.97);
        Add("lipsync", 1, "Faint", "f", 0.15);
        Add("lipsync", 1, "Faint", "f", 0.12);
        Add("generated", 1, "Lone", "l", 0.05);
        Add("swap", 1, "-", "studio", 0.6);
        Add("swap", 1, "-", "broadcast", 0.9);

        var limits = CueProtocol.Limitations(AtFixedPoints(samples, scores));

        Assert.Contains(limits, l => l.Contains("calls 27% manipulated", StringComparison.Ordinal) && l.Contains("on average over 3 sources", StringComparison.Ordinal));
        var footage = Assert.Single(limits, l => l.StartsWith("Some kinds of genuine footage", StringComparison.Ordinal));
        Assert.Contains("studio (50% of 4 real clips called manipulated)", footage, StringComparison.Ordinal);
        Assert.DoesNotContain("broadcast", footage, StringComparison.Ordinal);
        Assert.DoesNotContain("one clip", footage, StringComparison.Ordinal);
        Assert.Contains(limits, l => l.Contains("50% of lip-sync fakes and 0% of generated talking heads", StringComparison.Ordinal));
        var weak = Assert.Single(limits, l => l.StartsWith("It barely tells", StringComparison.Ordinal));
        Assert.Matches(@"Faint \(AUC 0\.\d\d, 2 clips\)", weak);
        Assert.DoesNotContain("Wav2Lip", weak, StringComparison.Ordinal);
        Assert.DoesNotContain("Lone", weak, StringComparison.Ordinal);
        Assert.Contains(limits, l => l.Contains("50% called manipulated, 50% inconclusive", StringComparison.Ordinal));
        // No audit copies: nothing said about compression.
        Assert.DoesNotContain(limits, l => l.StartsWith("Compression", StringComparison.Ordinal));
    }

    [Fact]
    public void Summary_FakesFilmedLargerThanMostReals_SizeMatchedRanksThemAgainstLargeRealsOnly()
    {
        var samples = new List<CueProtocol.Sample>();
        var scores = new List<double>();
        // Small real faces score low, large ones high; the fakes are large and score between the two.
        foreach (var (kind, label, size, score) in new[] { ("real", 0, 40.0, 0.1), ("real", 0, 40.0, 0.2), ("real", 0, 100.0, 0.9), ("real", 0, 100.0, 0.95), ("lipsync", 1, 100.0, 0.8), ("lipsync", 1, 110.0, 0.85) })
        {
            samples.Add(new CueProtocol.Sample(samples.Count, kind, label, label == 1 ? "Wav2Lip" : "-", 0, Traces(0)) { FaceSize = size });
            scores.Add(score);
        }
        var scored = AtFixedPoints(samples, scores);

        var table = CueProtocol.Summary(scored);

        // Against every real each fake beats the two small faces: 0.5. Against reals within ×1.25 of its size (the two of
        // 100 px) it beats none: 0. Size alone: the 100 px fake beats two reals and ties two (3 of 4), the 110 px one beats
        // all four: 7 of 8.
        Assert.Equal(0.5, table.LipsyncFamilies, 9);
        Assert.Equal(0, table.SizeMatched.Lipsync, 9);
        Assert.Equal(0.875, table.SizeAlone.Lipsync, 9);
        Assert.True(double.IsNaN(table.SizeMatched.Generated));
        var report = CueProtocol.Report("v", new Dictionary<string, CueProtocol.Scored> { ["v"] = scored }, null, 3);
        Assert.Contains("lip-sync families 0.000 (against every real 0.500)", report, StringComparison.Ordinal);
        Assert.Contains(CueProtocol.Limitations(scored), l => l.StartsWith("Part of its ranking follows face size", StringComparison.Ordinal));
        // Without face sizes (older caches) nothing is said about size.
        var unsized = AtFixedPoints([.. samples.Select(x => x with { FaceSize = double.NaN })], scores);
        Assert.DoesNotContain("Face size", CueProtocol.Report("v", new Dictionary<string, CueProtocol.Scored> { ["v"] = unsized }, null, 3), StringComparison.Ordinal);
        Assert.DoesNotContain(CueProtocol.Limitations(unsized), l => l.StartsWith("Part of its ranking", StringComparison.Ordinal));
    }

    [Fact]
    public void SummarizeAudit_OneHeadLosesOnCopies_ReportsEachHeadAlone()
    {
        var samples = new List<CueProtocol.Sample>();
        var scores = new List<double>();
        var units = new List<IReadOnlyList<double>>();
        var audit = new List<CueProtocol.AuditScore>();
        for (var i = 0; i < 10; i++)
        {
            foreach (var (kind, label) in new[] { ("real", 0), ("lipsync", 1) })
            {
                samples.Add(new CueProtocol.Sample(samples.Count, kind, label, label == 1 ? "Wav2Lip" : "-", 0, Traces(0)));
                scores.Add(label == 1 ? 0.8 : 0.2);
                // Both heads rank every fake above every real on the originals; on the copies the "texture" head gives every
                // fake the lowest score of all, the "audio" head keeps them apart.
                units.Add([label + (0.01 * i), label + (0.01 * i)]);
                audit.Add(new CueProtocol.AuditScore(samples.Count - 1, 0.5, false, [label + (0.01 * i), label == 1 ? -1 : 0.01 * i]));
            }
        }
        var scored = AtFixedPoints(samples, scores) with { Audit = audit, HeadNames = ["audio", "texture"], HeadUnits = units };

        var heads = CueProtocol.SummarizeAudit(scored)!.Heads;

        Assert.Equal(["audio", "texture"], heads.Select(h => h.Head));
        Assert.Equal((1.0, 1.0), heads[0].LipsyncFamilies);
        Assert.Equal((1.0, 0.0), heads[1].LipsyncFamilies);
        Assert.True(double.IsNaN(heads[1].GeneratedFamilies.Copy));
        var report = CueProtocol.Report("v", new Dictionary<string, CueProtocol.Scored> { ["v"] = scored }, null, 3);
        Assert.Contains("| `texture` head alone: lip-sync families | 1.000 | 0.000 | -1.000 |", report, StringComparison.Ordinal);
    }

    [Fact]
    public void SummarizeAudit_CopiesScoredHigher_ReportsOriginalAgainstCopy()
    {
        var samples = new List<CueProtocol.Sample>();
        var scores = new List<double>();
        var audit = new List<CueProtocol.AuditScore>();
        void Add(string kind, int label, double score, double copy)
        {
            samples.Add(new CueProtocol.Sample(samples.Count, kind, label, label == 1 ? "Wav2Lip" : "-", 0, Traces(0)));
            scores.Add(score);
            audit.Add(new CueProtocol.AuditScore(samples.Count - 1, copy, false, []));
        }
        for (var i = 0; i < 10; i++)
        {
            // Reals 0.10-0.19, their copies 0.33-0.39 and three of them 0.8 (above balanced); fakes 0.8, their copies 0.355.
            Add("real", 0, 0.1 + (0.01 * i), i < 3 ? 0.8 : 0.3 + (0.01 * i));
            Add("lipsync", 1, 0.8, 0.355);
        }
        var scored = AtFixedPoints(samples, scores) with { Audit = audit };

        var table = CueProtocol.SummarizeAudit(scored)!;

        Assert.Equal(20, table.Clips);
        Assert.Equal(1, table.LipsyncFamilies.Original);
        // Copies of fakes (0.355) rank above three reals' copies (0.33-0.35) and below the other seven.
        Assert.Equal(0.3, table.LipsyncFamilies.Copy, 9);
        Assert.True(double.IsNaN(table.GeneratedFamilies.Original));
        Assert.Equal((0, 0.3), table.RealsManipulated);
        Assert.Equal((1, 0), table.LipsyncCaught);
        Assert.Null(CueProtocol.SummarizeAudit(scored with { Audit = [] }));
    }

    [Fact]
    public void Report_CriteriaOverPartitions_AblationGivesTheirMeanAndRange()
    {
        var samples = new List<CueProtocol.Sample>();
        var scores = new List<double>();
        foreach (var (kind, label, score) in new[] { ("real", 0, 0.2), ("real", 0, 0.3), ("lipsync", 1, 0.8), ("generated", 1, 0.25), ("swap", 1, 0.7), ("shift-late-0.5s", 1, 0.7), ("shift-early-0.5s", 1, 0.1), ("shift-1s", 1, 0.9) })
        {
            samples.Add(new CueProtocol.Sample(samples.Count, kind, label, kind is "lipsync" or "generated" ? "Wav2Lip" : "-", 0, Traces(0)));
            scores.Add(score);
        }
        var points = CueProtocol.PointsFrom([0.2, 0.3]);
        var scored = new CueProtocol.Scored(samples, scores, [.. samples.Select(_ => points)], [.. samples.Select(_ => false)]);
        var heldOut = CueProtocol.Variants.ToDictionary(v => v.Name, _ => scored);
        var criteria = CueProtocol.Variants.ToDictionary(v => v.Name, v => (IReadOnlyList<double>)[CueProtocol.Criterion(scored), 0.5, 0.9]);

        var single = CueProtocol.Report("texture", heldOut, null, 5);
        var dealt = CueProtocol.Report("texture", heldOut, null, 5, criteria);

        // Criterion of this table: (lip-sync 1 + generated 0.5 + swap 1 + shift (1 + 0) / 2) / 4 = 0.75.
        Assert.Equal(0.75, CueProtocol.Criterion(scored), 9);
        Assert.DoesNotContain("partitions", single);
        Assert.Contains("the best mean criterion over 3 partitions of the sources into folds", dealt);
        Assert.Contains("| texture | 1.000 | 0.500 | – / – | 1.000 | 0.500 | 1.000 | 50% | – | – | 0.750 | 0.717 (0.500–0.900) |", dealt);
    }
}
