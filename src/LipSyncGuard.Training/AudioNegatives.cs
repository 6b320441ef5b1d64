using LipSyncGuard.Data;

namespace LipSyncGuard.Training;

/// <summary>Audio-mismatch fakes made from real windows at no decoding cost: the real mouth with its own audio moved by
/// 0.32–1 s (<see cref="Shifted"/>, kind <c>shift</c>), or with another person's speech (<see cref="Swapped"/>, kind
/// <c>swap</c>). The pixels stay the real video's own, so unlike re-encoded synthetic files these fakes cannot be told
/// apart by encoding traces: only the mouth–audio relation differs.</summary>
public static class AudioNegatives
{
    /// <summary>Smallest shift: 8 frames = 0.32 s (the "≥ 0.3 s" class; smaller offsets are within what dubbing
    /// and broadcast chains really produce).</summary>
    public const int MinShiftFrames = 8;

    /// <summary>Largest shift: 25 frames = 1 s.</summary>
    public const int MaxShiftFrames = 25;

    /// <summary><paramref name="window"/> (cut from <paramref name="video"/>) with the audio of the same video moved by a
    /// random 0.32–1 s either way, or null when the video is too short for any such shift.</summary>
    public static SampleWindow? Shifted(PreprocessedVideo video, SampleWindow window, Random random)
    {
        ArgumentNullException.ThrowIfNull(video);
        ArgumentNullException.ThrowIfNull(window);
        ArgumentNullException.ThrowIfNull(random);
        var shift = random.Next(MinShiftFrames, MaxShiftFrames + 1) * (random.Next(2) == 0 ? -1 : 1);
        foreach (var d in new[] { shift, -shift })
        {
            var start = window.StartFrame + d;
            if (start < 0 || start + window.Frames > video.FrameCount) continue;
            var row = SampleWindow.MelPerFrame * video.MelBins;
            return window with
            {
                Label = 1, Kind = "shift",
                Mel = video.Mel.AsSpan(start * row, window.Frames * row).ToArray(),
                Speech = video.Speech.AsSpan(start, window.Frames).ToArray(),
            };
        }
        return null;
    }

    /// <summary>For every real window of <paramref name="windows"/>, the same window hearing a real window of another group
    /// (another person or footage), drawn with <paramref name="seed"/>. Call it on one split side at a time, so training
    /// windows never hear validation audio.</summary>
    public static IReadOnlyList<SampleWindow> Swapped(IReadOnlyList<SampleWindow> windows, int seed)
    {
        ArgumentNullException.ThrowIfNull(windows);
        var reals = windows.Where(w => w.Label == 0 && !w.Fallback).ToList();
        if (reals.Select(w => w.Group).Distinct().Count() < 2) return [];
        var random = new Random(seed);
        var result = new List<SampleWindow>(reals.Count);
        foreach (var w in reals)
        {
            SampleWindow donor;
            do donor = reals[random.Next(reals.Count)];
            while (donor.Group == w.Group);
            result.Add(w with { Label = 1, Kind = "swap", Mel = donor.Mel, Speech = donor.Speech });
        }
        return result;
    }
}
