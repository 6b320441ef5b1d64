namespace LipSyncGuard.Detection.Cues;

/// <summary>How far the jaw follows the lips. In speech the jaw does much of the opening: as the lips part the chin drops,
/// on filmed faces here by ~0.7 of the inner lip gap's change (chin-to-nose against lip gap, both in eye distances).
/// Lip-sync generators repaint the mouth over the source's lower face and open the lips with less of the jaw, so the
/// slope is lower. Read from changes over two frames, so a slow nod (which moves both) cancels; re-encoding a genuine clip
/// to a small lossy copy moves it a little towards "follows", not away.</summary>
public static class JawFollow
{
    /// <summary>Lip channels read (<c>LipKinematics</c> order): the inner lip gap and the chin-to-nose distance.</summary>
    public const int LipGap = 0, Chin = 5;

    /// <summary>Frames between the two ends of a change.</summary>
    private const int Step = 2;

    /// <summary>Measures <paramref name="lips"/> (frames × <paramref name="width"/> distances) over changes between
    /// trusted frames <see cref="Step"/> apart with a trusted frame between them.</summary>
    public static JawFollowStats Measure(ReadOnlySpan<float> lips, int width, ReadOnlySpan<bool> valid)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(width, Chin);
        var frames = valid.Length;
        if (lips.Length < frames * width) throw new ArgumentException($"expected {frames} frames of {width} lip values", nameof(lips));
        // Running sums of the ordinary least-squares slope of the chin's change on the lip gap's change.
        double sx = 0, sy = 0, sxx = 0, sxy = 0;
        var pairs = 0;
        for (var t = Step; t < frames; t++)
        {
            if (!(valid[t] && valid[t - 1] && valid[t - Step])) continue;
            double x = lips[(t * width) + LipGap] - lips[((t - Step) * width) + LipGap];
            double y = lips[(t * width) + Chin] - lips[((t - Step) * width) + Chin];
            sx += x;
            sy += y;
            sxx += x * x;
            sxy += x * y;
            pairs++;
        }
        if (pairs < 2) return default;
        var variance = sxx - (sx * sx / pairs);
        // Lips that never move (a closed mouth throughout) give no slope to read.
        return variance <= 1e-9 * pairs ? default : new JawFollowStats(pairs, (sxy - (sx * sy / pairs)) / variance);
    }
}

/// <summary>How far one face's jaw follows its lips (<see cref="JawFollow"/>).</summary>
/// <param name="Pairs">Frame pairs measured (0: not measured).</param>
/// <param name="Slope">Change of the chin-to-nose distance per change of the inner lip gap (both in eye distances).</param>
public readonly record struct JawFollowStats(int Pairs, double Slope);
