using LipSyncGuard.Data;

namespace LipSyncGuard.Training;

/// <summary>Self-supervised sync examples from real windows: the window as it is (label 0, in sync) and the same crops
/// with audio that does not belong to them (label 1): the same video shifted by at least <see cref="MinShiftFrames"/>
/// frames, or another clip when the video has no such window.</summary>
public static class SyncPairs
{
    /// <summary>Smallest audio shift counted as out of sync (5 frames = 200 ms, far past what viewers notice).</summary>
    public const int MinShiftFrames = 5;

    /// <summary>One positive and one negative per window, deterministic for <paramref name="seed"/>.</summary>
    public static IReadOnlyList<SampleWindow> Make(IReadOnlyList<SampleWindow> windows, int seed)
    {
        ArgumentNullException.ThrowIfNull(windows);
        var random = new Random(seed);
        var result = new List<SampleWindow>(windows.Count * 2);
        foreach (var w in windows)
        {
            result.Add(w with { Label = 0, Kind = "aligned" });
            var sameVideo = windows.Where(o => o.VideoPath == w.VideoPath && Math.Abs(o.StartFrame - w.StartFrame) >= MinShiftFrames).ToList();
            var other = windows.Where(o => o.VideoPath != w.VideoPath).ToList();
            if (sameVideo.Count > 0 && (other.Count == 0 || random.Next(2) == 0))
                result.Add(w with { Label = 1, Kind = "shift", Mel = sameVideo[random.Next(sameVideo.Count)].Mel });
            else if (other.Count > 0)
                result.Add(w with { Label = 1, Kind = "other-clip", Mel = other[random.Next(other.Count)].Mel });
            else
                result.Add(ShiftMel(w, MinShiftFrames + random.Next(Math.Max(1, w.Frames - (2 * MinShiftFrames)))) with { Label = 1 });
        }
        return result;
    }

    /// <summary>The window with its log-mel rotated by <paramref name="frames"/> video frames (4 mel frames each): the
    /// audio is the window's own but no longer lines up with the mouth.</summary>
    public static SampleWindow ShiftMel(SampleWindow window, int frames)
    {
        ArgumentNullException.ThrowIfNull(window);
        var melFrames = window.Frames * SampleWindow.MelPerFrame;
        var shift = ((frames * SampleWindow.MelPerFrame % melFrames) + melFrames) % melFrames;
        var bins = window.MelBins;
        var mel = new float[window.Mel.Length];
        for (var m = 0; m < melFrames; m++)
            window.Mel.AsSpan(m * bins, bins).CopyTo(mel.AsSpan(((m + shift) % melFrames) * bins, bins));
        return window with { Mel = mel, Kind = "shift" };
    }
}
