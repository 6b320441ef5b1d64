using Xunit;

namespace LipSyncGuard.Detection.Tests;

public sealed class LogisticRegressionTests
{
    [Fact]
    public void RowWeights_Balanced_EachClassWeighsHalf()
    {
        var weights = LogisticRegression.RowWeights([1, 0, 0, 0], balanced: true);

        Assert.Equal([2.0, 4.0 / 6, 4.0 / 6, 4.0 / 6], weights);
    }

    [Fact]
    public void RowWeights_Strata_RowsWeighOneOverTheRootOfTheirStratum()
    {
        // Five fakes, four of one family and one of another; five reals of one source.
        int[] labels = [1, 1, 1, 1, 1, 0, 0, 0, 0, 0];
        string[] strata = ["big", "big", "big", "big", "small", "s", "s", "s", "s", "s"];

        var weights = LogisticRegression.RowWeights(labels, balanced: true, strata);

        Assert.Equal(2.0, weights[4] / weights[0], 12);
        Assert.Equal(5.0, weights.Where((_, i) => labels[i] == 1).Sum(), 12);
        Assert.Equal(5.0, weights.Where((_, i) => labels[i] == 0).Sum(), 12);
        Assert.All(weights[5..], w => Assert.Equal(1.0, w, 12));
    }

    [Fact]
    public void RowWeights_OneStratumPerClass_SameAsTheClassBalance()
    {
        int[] labels = [1, 0, 0, 1, 0, 0, 0];

        var weights = LogisticRegression.RowWeights(labels, balanced: true, [.. labels.Select(l => l == 1 ? "family" : "source")]);

        Assert.Equal(LogisticRegression.RowWeights(labels, balanced: true), weights, (a, b) => Math.Abs(a - b) < 1e-12);
    }

    [Fact]
    public void RowWeights_StrataWithoutBalancedClasses_Throws()
    {
        var error = Assert.Throws<ArgumentException>(() => LogisticRegression.RowWeights([1, 0], balanced: false, ["a", "b"]));

        Assert.Contains("balanced", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FitStandardized_OneStratumDominatingItsClass_WeighedDownWithStrata()
    {
        // Fakes: 40 of one origin, told apart by the first feature; 16 of eight others (2 each), told apart by the second.
        var random = new Random(3);
        var x = new List<double[]>();
        var labels = new List<int>();
        var strata = new List<string>();
        for (var i = 0; i < 60; i++) Add([random.NextDouble(), random.NextDouble()], 0, "reals");
        for (var i = 0; i < 40; i++) Add([1 + random.NextDouble(), random.NextDouble()], 1, "big");
        for (var i = 0; i < 16; i++) Add([random.NextDouble(), 1 + random.NextDouble()], 1, $"small{i / 2}");

        var (_, _, plain, _) = LogisticRegression.FitStandardized(x, labels, balanced: true);
        var (_, _, weighed, _) = LogisticRegression.FitStandardized(x, labels, balanced: true, strata: strata);

        // Unweighted, the big origin's feature leads; weighed, the eight small origins' feature gains on it.
        Assert.True(plain[0] > plain[1], $"plain weights {plain[0]:0.00}, {plain[1]:0.00}");
        Assert.True(weighed[1] / weighed[0] > 1.2 * plain[1] / plain[0], $"plain weights {plain[0]:0.00}, {plain[1]:0.00}; weighed {weighed[0]:0.00}, {weighed[1]:0.00}");

        void Add(double[] row, int label, string stratum)
        {
            x.Add(row);
            labels.Add(label);
            strata.Add(stratum);
        }
    }
}
