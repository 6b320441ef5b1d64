using LipSyncGuard.Faces;
using Xunit;

namespace LipSyncGuard.Faces.Tests;

public class OrderStatisticsTests
{
    [Fact]
    public void Median_OddAndEvenCounts_MiddleOrMeanOfMiddleTwo()
    {
        Assert.Equal(3, OrderStatistics.Median([5, 1, 3]));
        Assert.Equal(2.5, OrderStatistics.Median([4, 1, 3, 2]));
    }

    [Fact]
    public void UpperMedian_EvenCount_UpperOfMiddleTwo()
    {
        Assert.Equal(3, OrderStatistics.UpperMedian([4, 1, 3, 2]));
        Assert.Equal(3, OrderStatistics.UpperMedian([5, 1, 3]));
    }

    [Fact]
    public void NearestRank_Quantiles_OneOfTheValues()
    {
        double[] sorted = [.. Enumerable.Range(0, 11).Select(i => i * 10.0)];

        Assert.Equal(0, OrderStatistics.NearestRank(sorted, 0));
        Assert.Equal(50, OrderStatistics.NearestRank(sorted, 0.5));
        Assert.Equal(90, OrderStatistics.NearestRank(sorted, 0.9));
        Assert.Equal(90, OrderStatistics.NearestRank(sorted, 0.88));
        Assert.Equal(100, OrderStatistics.NearestRank(sorted, 1));
    }

    [Fact]
    public void Statistics_NoValuesOrQuantileOutside01_Refused()
    {
        Assert.Throws<ArgumentException>(() => OrderStatistics.Median([]));
        Assert.Throws<ArgumentException>(() => OrderStatistics.UpperMedian([]));
        Assert.Throws<ArgumentException>(() => OrderStatistics.NearestRank([], 0.5));
        Assert.Throws<ArgumentOutOfRangeException>(() => OrderStatistics.NearestRank([1.0], 1.5));
    }
}
