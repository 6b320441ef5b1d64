namespace LipSyncGuard.Faces;

/// <summary>The order statistics the cues read, in one place so that every cue's median and percentile mean the same.</summary>
public static class OrderStatistics
{
    /// <summary>The median of <paramref name="values"/>: the middle value, or the mean of the middle two.</summary>
    public static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        if (sorted.Length == 0) throw new ArgumentException("the median of nothing is undefined", nameof(values));
        var m = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[m] : (sorted[m - 1] + sorted[m]) / 2;
    }

    /// <summary>The upper median of <paramref name="values"/>: the middle value, or the upper of the middle two (always one
    /// of the values).</summary>
    public static double UpperMedian(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length == 0 ? throw new ArgumentException("the median of nothing is undefined", nameof(values)) : sorted[sorted.Length / 2];
    }

    /// <summary>The value of <paramref name="sorted"/> (ascending) at the rank nearest to quantile <paramref name="q"/>:
    /// one of the values, never between two.</summary>
    public static double NearestRank(ReadOnlySpan<double> sorted, double q)
    {
        if (sorted.IsEmpty) throw new ArgumentException("a quantile of nothing is undefined", nameof(sorted));
        ArgumentOutOfRangeException.ThrowIfLessThan(q, 0);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(q, 1);
        return sorted[(int)Math.Round(q * (sorted.Length - 1))];
    }
}
