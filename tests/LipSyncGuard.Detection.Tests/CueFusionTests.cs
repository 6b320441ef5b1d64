using LipSyncGuard.Detection.Cues;
using LipSyncGuard.Faces;
using Xunit;

namespace LipSyncGuard.Detection.Tests;

public sealed class CueFusionTests
{
    private static FaceCues Face(double sync, double sharpness, double jerk) =>
        new(sync, new MouthTextureStats(sharpness, 0.1, 0.2, 100), new LipJitterStats(-0.5, jerk, 0.3, -3, 100), new MouthConsistencyStats(0.1, 0.2, 40));

    private static (List<FaceCues> Cues, List<int> Labels) Set()
    {
        var random = new Random(5);
        var cues = new List<FaceCues>();
        var labels = new List<int>();
        for (var i = 0; i < 80; i++)
        {
            var fake = i % 2;
            // Fakes: softer mouths and more jerk; sync alike (generators look in sync).
            cues.Add(Face(0.7 + (0.2 * random.NextDouble()), (fake == 1 ? -0.6 : 0) + (0.3 * random.NextDouble()), (fake == 1 ? 0.4 : 0) + (0.3 * random.NextDouble())));
            labels.Add(fake);
        }
        return (cues, labels);
    }

    [Fact]
    public void Fit_SeparableTraces_FakesScoreHigherAndTracesCarryTheWeight()
    {
        var (cues, labels) = Set();

        var fusion = new CueFusion([CueHead.Fit("all", [.. FaceCues.AllFeatures], cues, labels)]);

        var fakes = cues.Where((_, i) => labels[i] == 1).Average(fusion.Probability);
        var reals = cues.Where((_, i) => labels[i] == 0).Average(fusion.Probability);
        Assert.True(fakes > reals + 0.4, $"fakes {fakes:0.00}, reals {reals:0.00}");
        var contributions = fusion.Contributions(Face(0.8, -0.6, 0.5));
        Assert.True(contributions["texture_sharpness"] > 0 && contributions["jitter_jerk"] > 0);
    }

    [Fact]
    public void Probability_UnmeasuredTraces_ReadAsTheMean()
    {
        var (cues, labels) = Set();
        var head = CueHead.Fit("traces", ["texture_sharpness", "texture_motion", "texture_flicker"], cues, labels);
        var fusion = new CueFusion([head]);
        var unmeasured = new FaceCues(null, new MouthTextureStats(5, 5, 5, 3), default, default);
        var atMean = new FaceCues(null, new MouthTextureStats(head.Mean[0], head.Mean[1], head.Mean[2], 100), default, default);

        Assert.Equal(fusion.Probability(atMean), fusion.Probability(unmeasured), 9);
    }

    [Fact]
    public void Probability_TwoHeads_NoisyOrOfTheirProbabilities()
    {
        var (cues, labels) = Set();
        var audio = CueHead.Fit("audio", ["sync_mismatch", "sync_judged"], cues, labels);
        var traces = CueHead.Fit("traces", ["texture_sharpness", "jitter_jerk"], cues, labels);
        var face = Face(0.2, -0.6, 0.5);

        var p = new CueFusion([audio, traces]).Probability(face);

        Assert.Equal(1 - ((1 - audio.Probability(face)) * (1 - traces.Probability(face))), p, 12);
        Assert.True(p >= Math.Max(audio.Probability(face), traces.Probability(face)));
    }

    [Fact]
    public void Fit_HeadSpecs_EachHeadLearnsFromItsOwnFakeKinds()
    {
        // Audio fakes: out of sync, real texture. Generator fakes: in sync, soft mouths.
        var cues = new List<FaceCues>();
        var labels = new List<int>();
        var kinds = new List<string>();
        var random = new Random(9);
        for (var i = 0; i < 60; i++)
        {
            cues.Add(Face(0.8 + (0.1 * random.NextDouble()), 0.3 * random.NextDouble(), 0.3 * random.NextDouble())); labels.Add(0); kinds.Add("real");
            cues.Add(Face(0.1 + (0.2 * random.NextDouble()), 0.3 * random.NextDouble(), 0.3 * random.NextDouble())); labels.Add(1); kinds.Add("swap");
            cues.Add(Face(0.9 + (0.1 * random.NextDouble()), -0.6 + (0.3 * random.NextDouble()), 0.3 * random.NextDouble())); labels.Add(1); kinds.Add("lipsync");
        }

        var fusion = CueFusion.Fit([new CueHeadSpec("audio", ["sync_mismatch", "sync_judged"], ["swap"]), new CueHeadSpec("traces", ["texture_sharpness"], ["lipsync"])], cues, labels, kinds);

        var real = Enumerable.Range(0, cues.Count).Where(i => kinds[i] == "real").Average(i => fusion.Probability(cues[i]));
        Assert.True(Enumerable.Range(0, cues.Count).Where(i => kinds[i] == "swap").Average(i => fusion.Probability(cues[i])) > real + 0.3);
        Assert.True(Enumerable.Range(0, cues.Count).Where(i => kinds[i] == "lipsync").Average(i => fusion.Probability(cues[i])) > real + 0.3);
    }

    [Fact]
    public void Fit_StrataOfUnequalSize_FamiliesWithFewClipsCountMore()
    {
        // One family of 40 fakes with soft mouths; eight families of 2 with jerky lips instead.
        var random = new Random(17);
        var cues = new List<FaceCues>();
        var kinds = new List<string>();
        var strata = new List<string>();
        for (var i = 0; i < 60; i++) Add(Face(0.8, 0.3 * random.NextDouble(), 0.3 * random.NextDouble()), "real", $"source{i % 6}");
        for (var i = 0; i < 40; i++) Add(Face(0.8, -0.6 + (0.3 * random.NextDouble()), 0.3 * random.NextDouble()), "lipsync", "big");
        for (var i = 0; i < 16; i++) Add(Face(0.8, 0.3 * random.NextDouble(), 0.4 + (0.3 * random.NextDouble())), "lipsync", $"small{i / 2}");
        var labels = kinds.Select(k => k == "lipsync" ? 1 : 0).ToList();
        CueHeadSpec[] heads = [new("traces", ["texture_sharpness", "jitter_jerk"], ["lipsync"])];

        var plain = CueFusion.Fit(heads, cues, labels, kinds);
        var weighed = CueFusion.Fit(heads, cues, labels, kinds, strata: strata);

        double Mean(CueFusion f, string stratum) => Enumerable.Range(0, cues.Count).Where(i => strata[i].StartsWith(stratum, StringComparison.Ordinal)).Average(i => f.Probability(cues[i]));
        Assert.True(Mean(weighed, "small") > Mean(plain, "small"), $"small families {Mean(plain, "small"):0.00} → {Mean(weighed, "small"):0.00}");
        Assert.True(Mean(weighed, "big") < Mean(plain, "big"), $"the big family {Mean(plain, "big"):0.00} → {Mean(weighed, "big"):0.00}");
        Assert.Throws<ArgumentException>(() => CueFusion.Fit(heads, cues, labels, kinds, strata: strata[1..]));

        void Add(FaceCues face, string kind, string stratum)
        {
            cues.Add(face);
            kinds.Add(kind);
            strata.Add(stratum);
        }
    }

    [Fact]
    public void Fit_ReencodedRealCopies_SoftnessAloneNoLongerReadsAsFake()
    {
        // Fakes: soft mouths and jerky lips. Re-encoded reals: as soft (a lossy pass), lips as steady as any real's.
        var random = new Random(13);
        var cues = new List<FaceCues>();
        var kinds = new List<string>();
        for (var i = 0; i < 60; i++)
        {
            cues.Add(Face(0.8, 0.3 * random.NextDouble(), 0.3 * random.NextDouble())); kinds.Add("real");
            cues.Add(Face(0.8, -0.6 + (0.3 * random.NextDouble()), 0.4 + (0.3 * random.NextDouble()))); kinds.Add("lipsync");
            cues.Add(Face(0.8, -0.6 + (0.3 * random.NextDouble()), 0.3 * random.NextDouble())); kinds.Add(CueHeadSpec.ReencodedReal);
        }
        var labels = kinds.Select(k => k == "lipsync" ? 1 : 0).ToList();
        var spec = new CueHeadSpec("traces", ["texture_sharpness", "jitter_jerk"], ["lipsync"]);
        var copiesLeftOut = Enumerable.Range(0, cues.Count).Where(i => kinds[i] != CueHeadSpec.ReencodedReal).ToList();

        var without = CueFusion.Fit([spec], [.. copiesLeftOut.Select(i => cues[i])], [.. copiesLeftOut.Select(i => labels[i])], [.. copiesLeftOut.Select(i => kinds[i])]);
        var with = CueFusion.Fit([spec], cues, labels, kinds);

        double Mean(CueFusion f, string kind) => Enumerable.Range(0, cues.Count).Where(i => kinds[i] == kind).Average(i => f.Probability(cues[i]));
        Assert.True(Mean(without, CueHeadSpec.ReencodedReal) > 0.5, $"without copies a soft real reads {Mean(without, CueHeadSpec.ReencodedReal):0.00}");
        Assert.True(Mean(with, CueHeadSpec.ReencodedReal) < 0.3, $"with copies a soft real reads {Mean(with, CueHeadSpec.ReencodedReal):0.00}");
        Assert.True(Mean(with, "lipsync") > Mean(with, "real") + 0.4);
        // The copies widen the reals' span, so a soft real is not out of range either.
        Assert.Empty(with.OutOfRange(Face(0.8, -0.5, 0.1)));
        Assert.NotEmpty(without.OutOfRange(Face(0.8, -0.5, 0.1)));
    }

    [Fact]
    public void OutOfRange_TraceFarBeyondTheReals_NamedButNeverTheSyncFeatures()
    {
        var random = new Random(11);
        var cues = new List<FaceCues>();
        var kinds = new List<string>();
        for (var i = 0; i < 60; i++)
        {
            cues.Add(Face(0.8 + (0.1 * random.NextDouble()), 0.3 * random.NextDouble(), 0.3 * random.NextDouble())); kinds.Add("real");
            cues.Add(Face(0.1 + (0.2 * random.NextDouble()), -0.6 + (0.3 * random.NextDouble()), 0.3 * random.NextDouble())); kinds.Add("lipsync");
        }
        var fusion = CueFusion.Fit([new CueHeadSpec("audio", ["sync_logit", "sync_judged"], ["lipsync"]), new CueHeadSpec("traces", ["texture_sharpness", "jitter_jerk"], ["lipsync"])],
            cues, [.. kinds.Select(k => k == "real" ? 0 : 1)], kinds);

        Assert.Equal(["texture_sharpness", "jitter_jerk"], fusion.RealRanges.Select(r => r.Feature));
        Assert.All(Enumerable.Range(0, cues.Count).Where(i => kinds[i] == "real"), i => Assert.Empty(fusion.OutOfRange(cues[i])));
        // Sharpness 3 where the reals span 0–0.3; sync far out of step (0.01) is evidence, not out of range.
        Assert.Equal(["texture_sharpness"], fusion.OutOfRange(Face(0.01, 3, 0.1)));
        Assert.Empty(fusion.OutOfRange(Face(0.01, 0.1, 0.1) with { Texture = default }));
    }

    [Fact]
    public void Load_ModelSavedBeforeRealRanges_NothingOutOfRange()
    {
        var (cues, labels) = Set();
        using var dir = new LipSyncGuard.Testing.TempDir();
        var path = dir.File("cues.json");
        var node = System.Text.Json.Nodes.JsonNode.Parse(System.Text.Json.JsonSerializer.Serialize(new CueFusion([CueHead.Fit("traces", ["texture_sharpness"], cues, labels)])))!;
        node.AsObject().Remove("RealRanges");
        File.WriteAllText(path, node.ToJsonString());

        Assert.Empty(CueFusion.Load(path).OutOfRange(Face(0.5, 1000, 0)));
    }

    [Fact]
    public void SaveLoad_RoundTrip_SameProbabilities()
    {
        var (cues, labels) = Set();
        var fusion = new CueFusion([CueHead.Fit("audio", ["sync_mismatch", "sync_judged"], cues, labels), CueHead.Fit("traces", ["texture_sharpness", "jitter_jerk"], cues, labels)]) with
        {
            Threshold = 0.6,
            OperatingPoints = new Dictionary<string, OperatingPoint> { ["balanced"] = new(0.6, 0.4, 0.05, 0.15) },
        };
        var path = Path.GetTempFileName();
        try
        {
            fusion.Save(path);
            var loaded = CueFusion.Load(path);

            Assert.Equal(fusion.Probability(cues[3]), loaded.Probability(cues[3]), 12);
            Assert.Equal(0.4, loaded.Point("balanced").Inconclusive);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Load_UnknownFeature_InvalidData()
    {
        var path = Path.GetTempFileName();
        try
        {
            File.WriteAllText(path, """{"Heads":[{"Name":"x","Features":["mouth_colour"],"Mean":[0],"Scale":[1],"Weights":[1],"Bias":0}],"Format":1}""");

            var error = Assert.Throws<InvalidDataException>(() => CueFusion.Load(path));

            Assert.Contains("mouth_colour", error.Message);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Teaches_HeadOfEveryKind_NotSelfBlendedPseudoFakesUnlessNamed()
    {
        var everyKind = new CueHeadSpec("all", ["texture_sharpness"], []);
        var selfBlended = new CueHeadSpec("appearance", FaceCues.AppearanceFeatures, [CueHeadSpec.SelfBlended]);

        Assert.True(everyKind.Teaches("lipsync") && everyKind.Teaches("swap"));
        Assert.False(everyKind.Teaches(CueHeadSpec.SelfBlended));
        Assert.True(selfBlended.Teaches(CueHeadSpec.SelfBlended));
        Assert.False(selfBlended.Teaches("generated"));
    }

    [Fact]
    public void SaveLoad_AppearanceHead_SameProbabilityAndGroupedContribution()
    {
        var random = new Random(9);
        FaceCues Labelled(int label) => CueFusionTests.Face(0.8, 0, 0) with
        {
            Appearance = new MouthAppearanceStats(16, [.. Enumerable.Range(0, 512).Select(j => (float)(random.NextDouble() + (j < 8 ? label : 0)))], 0.1, 0.05),
        };
        var cues = Enumerable.Range(0, 60).Select(i => Labelled(i % 2)).ToList();
        var fusion = new CueFusion([CueHead.Fit("appearance", FaceCues.AppearanceFeatures, cues, [.. Enumerable.Range(0, 60).Select(i => i % 2)], l2: 0.1)]);
        using var dir = new LipSyncGuard.Testing.TempDir();

        fusion.Save(dir.File("cues.json"));
        var loaded = CueFusion.Load(dir.File("cues.json"));

        var fake = Labelled(1);
        Assert.Equal(fusion.Probability(fake), loaded.Probability(fake), 12);
        Assert.True(loaded.Probability(fake) > loaded.Probability(Labelled(0)));
        Assert.True(loaded.Contributions(fake).Keys.All(k => k.StartsWith(FaceCues.AppearancePrefix, StringComparison.Ordinal)));
    }

    [Theory]
    [InlineData(CueCombination.MaxOverReals)]
    [InlineData(CueCombination.MaxOverRealTail)]
    public void Fit_MaxCombinations_EachHeadInUnitsOfItsRealsAndTheLargestDecides(CueCombination combination)
    {
        var (cues, labels) = Set();
        var kinds = labels.Select(l => l == 1 ? "lipsync" : "real").ToList();

        var fusion = CueFusion.Fit([new("texture", ["texture_sharpness"], []), new("jitter", ["jitter_jerk"], [])], cues, labels, kinds, combination);

        var reals = cues.Where((_, i) => labels[i] == 0).ToList();
        foreach (var head in fusion.Heads)
        {
            var z = reals.Select(c => (head.Logit(c) - head.RealMean) / head.RealScale).Order().ToArray();
            if (combination == CueCombination.MaxOverReals)
            {
                Assert.Equal(0, z.Average(), 6);
                Assert.Equal(1, Math.Sqrt(z.Average(v => v * v)), 3);
            }
            else
            {
                // Median at 0, the 90th percentile at 1: each head calls about a tenth of its reals above 1.
                Assert.Equal(0, OrderStatistics.NearestRank(z, 0.5), 6);
                Assert.Equal(1, OrderStatistics.NearestRank(z, CueFusion.TailQuantile), 4);
                Assert.InRange(z.Count(v => v > 1 + 1e-4) / (double)z.Length, 0.05, 0.12);
            }
        }
        var face = cues[1];
        Assert.Equal(LogisticRegression.Sigmoid(fusion.Heads.Max(h => (h.Logit(face) - h.RealMean) / h.RealScale)), fusion.Combined(face), 12);
        var fakes = cues.Where((_, i) => labels[i] == 1).Average(fusion.Probability);
        Assert.True(fakes > reals.Average(fusion.Probability) + 0.2);
    }

    [Fact]
    public void Fit_SumOverRealTail_HeadsThatRiseTogetherAddUpWithinTheLogOfTheirNumber()
    {
        var (cues, labels) = Set();
        var kinds = labels.Select(l => l == 1 ? "lipsync" : "real").ToList();
        CueHeadSpec[] heads = [new("texture", ["texture_sharpness"], []), new("jitter", ["jitter_jerk"], [])];

        var sum = CueFusion.Fit(heads, cues, labels, kinds, CueCombination.SumOverRealTail);
        var max = CueFusion.Fit(heads, cues, labels, kinds, CueCombination.MaxOverRealTail);

        foreach (var face in cues)
        {
            // Same units as the max join; the joined logit lies between the largest unit and that plus ln(heads).
            Assert.Equal(max.HeadUnits(face), sum.HeadUnits(face));
            var units = sum.HeadUnits(face);
            var joined = CueFusion.LogSumExp(units);
            Assert.InRange(joined, units.Max(), units.Max() + Math.Log(units.Length) + 1e-12);
            Assert.Equal(Math.Log(units.Sum(Math.Exp)), joined, 9);
            Assert.Equal(LogisticRegression.Sigmoid(joined), sum.Combined(face), 12);
        }
        var fakes = cues.Where((_, i) => labels[i] == 1).Average(sum.Probability);
        Assert.True(fakes > cues.Where((_, i) => labels[i] == 0).Average(sum.Probability) + 0.2);
        Assert.Equal(-1e6 + Math.Log(2), CueFusion.LogSumExp([-1e6, -1e6]), 6); // no underflow to log 0
    }

    [Fact]
    public void Fit_MaxOverRealTailOnACueMostRealsLack_UnitNeverCollapses()
    {
        var (cues, labels) = Set();
        // Only one face in eight measured the texture; the rest read the fitting mean, so most reals share one logit.
        var sparse = cues.Select((c, i) => i % 8 == 0 ? c : c with { Texture = c.Texture with { Frames = 0, Sharpness = double.NaN } }).ToList();
        var kinds = labels.Select(l => l == 1 ? "lipsync" : "real").ToList();

        var head = CueFusion.Fit([new("texture", ["texture_sharpness"], [])], sparse, labels, kinds, CueCombination.MaxOverRealTail).Heads[0];

        var logits = sparse.Where((_, i) => labels[i] == 0).Select(head.Logit).ToList();
        var sorted = logits.Order().ToArray();
        Assert.Equal(0, OrderStatistics.NearestRank(sorted, CueFusion.TailQuantile) - OrderStatistics.NearestRank(sorted, 0.5), 9);
        var mean = logits.Average();
        var sd = Math.Sqrt(logits.Average(l => (l - mean) * (l - mean)));
        Assert.True(head.RealScale >= 0.1 * sd, $"unit {head.RealScale} against sd {sd}");
        Assert.All(sparse, c => Assert.InRange((head.Logit(c) - head.RealMean) / head.RealScale, -100, 100));
    }

    [Fact]
    public void Load_ModelSavedBeforeCombinations_NoisyOrWithUnitScales()
    {
        var (cues, labels) = Set();
        var kinds = labels.Select(l => l == 1 ? "lipsync" : "real").ToList();
        var fusion = CueFusion.Fit([new("texture", ["texture_sharpness"], [])], cues, labels, kinds, CueCombination.MaxOverReals);
        using var dir = new LipSyncGuard.Testing.TempDir();
        fusion.Save(dir.File("new.json"));
        var json = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(dir.File("new.json")))!.AsObject();
        json.Remove("Combination");
        foreach (var head in json["Heads"]!.AsArray()) head!.AsObject().Remove("RealScale");
        File.WriteAllText(dir.File("old.json"), json.ToJsonString());

        var loaded = CueFusion.Load(dir.File("old.json"));

        Assert.Equal(CueCombination.MaxOverReals, CueFusion.Load(dir.File("new.json")).Combination);
        Assert.Equal(CueCombination.NoisyOr, loaded.Combination);
        Assert.Equal(1, loaded.Heads[0].RealScale);
        Assert.Equal(loaded.Heads[0].Probability(cues[0]), loaded.Combined(cues[0]), 12);
    }

    [Fact]
    public void Load_KeyFrameEvery_RoundTripsAndOlderModelsSearchEveryFrameOrFollowOnCrops()
    {
        var (cues, labels) = Set();
        using var dir = new LipSyncGuard.Testing.TempDir();
        new CueFusion([CueHead.Fit("traces", ["texture_sharpness"], cues, labels)]) { KeyFrameEvery = 10, FollowByPoints = true }.Save(dir.File("new.json"));
        var json = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(dir.File("new.json")))!.AsObject();
        json.Remove("KeyFrameEvery");
        json.Remove("FollowByPoints");
        File.WriteAllText(dir.File("old.json"), json.ToJsonString());
        json["KeyFrameEvery"] = 0;
        File.WriteAllText(dir.File("bad.json"), json.ToJsonString());

        Assert.Equal(10, CueFusion.Load(dir.File("new.json")).KeyFrameEvery);
        Assert.True(CueFusion.Load(dir.File("new.json")).FollowByPoints);
        Assert.Equal(1, CueFusion.Load(dir.File("old.json")).KeyFrameEvery);
        Assert.False(CueFusion.Load(dir.File("old.json")).FollowByPoints);
        Assert.Contains("KeyFrameEvery", Assert.Throws<InvalidDataException>(() => CueFusion.Load(dir.File("bad.json"))).Message);
    }
}
