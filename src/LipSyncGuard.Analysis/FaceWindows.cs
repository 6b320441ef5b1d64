using LipSyncGuard.Sync;

namespace LipSyncGuard.Analysis;

/// <summary>One face track cut into timeline windows, with each window's sync judgement and lip motion: what deciding who
/// speaks when needs from every face before any face is judged.</summary>
/// <param name="TrackId">The track.</param>
/// <param name="StartFrame">The track's first frame on the video clock.</param>
/// <param name="Sync">The track's sync input.</param>
/// <param name="Windows">Per window ([start, end) frames of the track) its sync judgement.</param>
/// <param name="Motion">Per window the standard deviation of the inner lip gap over trusted frames (null with fewer than
/// five).</param>
/// <param name="Speech">Per window the share of frames with speech.</param>
internal sealed record FaceWindows(int TrackId, long StartFrame, SyncTrack Sync, IReadOnlyList<SyncWindow> Windows, double?[] Motion, double[] Speech)
{
    /// <summary>Index of the inner lip gap among the lip values of a frame (<c>LipKinematics</c> order).</summary>
    private const int InnerAperture = 0;

    /// <summary>Measures each of <paramref name="windows"/> of <paramref name="sync"/>.</summary>
    public static FaceWindows Measure(int trackId, long startFrame, SyncTrack sync, IReadOnlyList<SyncWindow> windows)
    {
        var motion = new double?[windows.Count];
        var speech = new double[windows.Count];
        for (var i = 0; i < windows.Count; i++)
        {
            var (from, to) = (windows[i].StartFrame, windows[i].EndFrame);
            double sum = 0, sumSq = 0;
            int n = 0, speaking = 0;
            for (var t = from; t < to; t++)
            {
                if (sync.Speech[t] >= 0.5f) speaking++;
                if (!sync.LipValid[t]) continue;
                double gap = sync.Lips[(t * sync.LipWidth) + InnerAperture];
                sum += gap;
                sumSq += gap * gap;
                n++;
            }
            motion[i] = n >= 5 ? Math.Sqrt(Math.Max(0, (sumSq / n) - ((sum / n) * (sum / n)))) : null;
            speech[i] = speaking / (double)(to - from);
        }
        return new FaceWindows(trackId, startFrame, sync, windows, motion, speech);
    }

    /// <summary>The window of this face that overlaps [<paramref name="from"/>, <paramref name="to"/>) on the video clock
    /// the most, if any overlaps by at least half.</summary>
    public int? Overlapping(long from, long to)
    {
        int? best = null;
        long bestOverlap = 0;
        for (var i = 0; i < Windows.Count; i++)
        {
            var overlap = Math.Min(to, StartFrame + Windows[i].EndFrame) - Math.Max(from, StartFrame + Windows[i].StartFrame);
            if (overlap > bestOverlap) (best, bestOverlap) = (i, overlap);
        }
        return bestOverlap * 2 >= to - from ? best : null;
    }
}
