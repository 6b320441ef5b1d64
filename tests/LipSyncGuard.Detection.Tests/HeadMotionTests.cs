using LipSyncGuard.Data;
using LipSyncGuard.Detection.Cues;
using LipSyncGuard.Testing;
using Xunit;

namespace LipSyncGuard.Detection.Tests;

public sealed class HeadMotionTests
{
    /// <summary>A head path at 25 fps in pixels, for a face whose eyes are <paramref name="eyes"/> px apart at
    /// (<paramref name="x"/>, <paramref name="y"/>) eye distances from the frame's corner: a slow sway (0.4 Hz, a tenth of
    /// an eye distance) and a slow roll, plus independent per-frame wobble of <paramref name="wobble"/> eye distances (what
    /// a filmed head adds and a synthesised pose lacks).</summary>
    private static float[] Path(double wobble, int frames = 250, int seed = 3, double eyes = 50, double x = 2, double y = 3)
    {
        var random = new Random(seed);
        var head = new float[frames * HeadMotion.Width];
        for (var t = 0; t < frames; t++)
        {
            var phase = 2 * Math.PI * 0.4 * t / 25.0;
            head[(t * HeadMotion.Width) + 0] = (float)(eyes * (x + (0.1 * Math.Sin(phase)) + (wobble * ((random.NextDouble() * 2) - 1))));
            head[(t * HeadMotion.Width) + 1] = (float)(eyes * (y + (0.05 * Math.Cos(phase)) + (wobble * ((random.NextDouble() * 2) - 1))));
            head[(t * HeadMotion.Width) + 2] = (float)((0.05 * Math.Sin(phase / 2)) + (wobble * ((random.NextDouble() * 2) - 1)));
        }
        return head;
    }

    /// <summary>Eye distances per frame: <paramref name="eyes"/> px with a measurement jitter of ±<paramref name="jitter"/>.</summary>
    private static float[] Eyes(int frames = 250, double eyes = 50, double jitter = 0, int seed = 5)
    {
        var random = new Random(seed);
        return [.. Enumerable.Range(0, frames).Select(_ => (float)(eyes + (jitter * ((random.NextDouble() * 2) - 1))))];
    }

    private static bool[] Trusted(int frames) => Enumerable.Repeat(true, frames).ToArray();

    [Fact]
    public void Measure_WobblingHead_MoreJerkAndRollThanSmoothPath()
    {
        var smooth = HeadMotion.Measure(Path(0), Eyes(), Trusted(250));
        var wobbling = HeadMotion.Measure(Path(0.01), Eyes(), Trusted(250));

        Assert.Equal(247, smooth.Frames);
        Assert.True(wobbling.Jerk > smooth.Jerk + 2, $"jerk {wobbling.Jerk:0.00} vs {smooth.Jerk:0.00}");
        Assert.True(wobbling.RollSpeed > smooth.RollSpeed + 0.5, $"roll {wobbling.RollSpeed:0.00} vs {smooth.RollSpeed:0.00}");
    }

    [Fact]
    public void Measure_EyesThatBlink_MoreEyeMotionThanEyesHeldOpen()
    {
        var blinking = Path(0);
        var open = Path(0);
        var random = new Random(11);
        for (var t = 0; t < 250; t++)
        {
            // Eyes open at 0.3 with the landmarks' own noise; a blink every 0.8 s, closing and opening over two frames each
            // (a fifth of the frame-to-frame changes: above the 0.9 quantile's reach).
            var noise = (float)(0.005 * ((random.NextDouble() * 2) - 1));
            open[(t * HeadMotion.Width) + 3] = 0.3f + noise;
            blinking[(t * HeadMotion.Width) + 3] = (t % 20) switch { 10 or 13 => 0.2f, 11 or 12 => 0.05f, _ => 0.3f } + noise;
        }

        var held = HeadMotion.Measure(open, Eyes(), Trusted(250));
        var blinks = HeadMotion.Measure(blinking, Eyes(), Trusted(250));

        Assert.True(blinks.EyeMotion > held.EyeMotion + 1, $"eye motion {blinks.EyeMotion:0.00} vs {held.EyeMotion:0.00}");
        // Without an eye openness (zeros: frames without landmarks) there is nothing to read.
        Assert.True(double.IsNaN(HeadMotion.Measure(Path(0), Eyes(), Trusted(250)).EyeMotion));
    }

    [Fact]
    public void Measure_SameMotionLargerOrElsewhereInFrame_SameJerk()
    {
        var reference = HeadMotion.Measure(Path(0.01), Eyes(jitter: 0.5), Trusted(250));
        var twiceAsLarge = HeadMotion.Measure(Path(0.01, eyes: 100), Eyes(eyes: 100, jitter: 1), Trusted(250));
        var farFromCorner = HeadMotion.Measure(Path(0.01, x: 12, y: 9), Eyes(jitter: 0.5), Trusted(250));

        Assert.Equal(reference.Jerk, twiceAsLarge.Jerk, 2);
        // The eye distance jitters by 1 % from frame to frame; a position divided by it frame by frame would jerk ~5 times
        // more this far from the corner. Measured in pixels and scaled after, where the face is framed does not matter.
        Assert.Equal(reference.Jerk, farFromCorner.Jerk, 1);
        Assert.Equal(reference.RollSpeed, farFromCorner.RollSpeed, 6);
    }

    [Fact]
    public void Measure_GlitchOnUntrustedFrames_Ignored()
    {
        var head = Path(0);
        var trusted = Trusted(250);
        var clean = HeadMotion.Measure(head, Eyes(), trusted);
        // A landmark jump on ten frames: flagged untrusted, it must not enter any third difference.
        for (var t = 100; t < 110; t++)
        {
            head[t * HeadMotion.Width] += 5;
            trusted[t] = false;
        }

        var glitched = HeadMotion.Measure(head, Eyes(), trusted);

        Assert.Equal(clean.Frames - 13, glitched.Frames);
        Assert.Equal(clean.Jerk, glitched.Jerk, 1);
        Assert.Equal(default, HeadMotion.Measure(head.AsSpan(0, 9), Eyes(3), Trusted(3)));
    }

    [Fact]
    public async Task Measure_FilmedHeadAgainstItsOwnStill_FilmedMovesMore()
    {
        using var dir = new TempDir();
        var filmedPath = System.IO.Path.Combine(SharedMedia.RepositoryRoot, "samples", "real_vox2_00015.mp4");
        var first = dir.File("first.png");
        var stillPath = dir.File("still.mp4");
        Ffmpeg.Run("-i", filmedPath, "-frames:v", "1", first);
        // The sample's first frame held for its whole length, with its audio: a head that never moves.
        Ffmpeg.Run("-loop", "1", "-i", first, "-i", filmedPath, "-map", "0:v", "-map", "1:a", "-shortest", "-c:v", "libx264", "-pix_fmt", "yuv420p", "-c:a", "aac", stillPath);
        using var extractor = new WindowExtractor();

        var (filmed, moving) = await MeasureLongestTrack(extractor, filmedPath);
        var (_, frozen) = await MeasureLongestTrack(extractor, stillPath);

        Assert.True(moving.Jerk > frozen.Jerk + 1, $"jerk {moving.Jerk:0.00} vs {frozen.Jerk:0.00}");
        Assert.True(moving.RollSpeed > frozen.RollSpeed + 1, $"roll {moving.RollSpeed:0.00} vs {frozen.RollSpeed:0.00}");
        Assert.True(moving.EyeMotion > frozen.EyeMotion + 0.5, $"eye motion {moving.EyeMotion:0.00} vs {frozen.EyeMotion:0.00}");
        // The cue verdict reads the same numbers through its features.
        var cues = FaceCues.Measure(filmed, null);
        Assert.Equal(moving.Jerk, cues.Feature("head_jerk"));
        Assert.Equal(moving.RollSpeed, cues.Feature("head_roll_speed"));
        Assert.Equal(moving.EyeMotion, cues.Feature("head_eyes"));
    }

    [Fact]
    public async Task Measure_SameClipFramedAtTheCornerOrFarFromIt_SameJerk()
    {
        using var dir = new TempDir();
        var sample = System.IO.Path.Combine(SharedMedia.RepositoryRoot, "samples", "real_vox2_00015.mp4");
        var near = dir.File("near.mp4");
        var far = dir.File("far.mp4");
        // The 224 px clip on a canvas three times its size, at the top-left corner or at the bottom-right (offsets on
        // the codec's 16 px grid, so the face's own pixels are coded alike): the same head, ~2 against ~9 eye distances
        // from the corner. Read through the position (stop 38 and before) the jerks were -2.40 and -0.42; now -3.20 and -3.25.
        Ffmpeg.Run("-i", sample, "-vf", "pad=672:672:0:0", "-c:v", "libx264", "-crf", "12", "-pix_fmt", "yuv420p", "-c:a", "copy", near);
        Ffmpeg.Run("-i", sample, "-vf", "pad=672:672:448:448", "-c:v", "libx264", "-crf", "12", "-pix_fmt", "yuv420p", "-c:a", "copy", far);
        using var extractor = new WindowExtractor();

        var (_, nearJerk) = await MeasureLongestTrack(extractor, near);
        var (_, farJerk) = await MeasureLongestTrack(extractor, far);

        Assert.True(Math.Abs(farJerk.Jerk - nearJerk.Jerk) < 0.25, $"jerk {farJerk.Jerk:0.00} far from the corner vs {nearJerk.Jerk:0.00} at it");
    }

    /// <summary>The longest face track of the clip at <paramref name="path"/> and its head motion, measured over at least
    /// 50 frames.</summary>
    private static async Task<(PreprocessedTrack Track, HeadMotionStats Motion)> MeasureLongestTrack(WindowExtractor extractor, string path)
    {
        var video = await extractor.ExtractAsync(new DatasetItem(path, 0, "sample", "real", "-", null));
        var track = video.Tracks.Where(t => !t.Fallback).MaxBy(t => t.Length);
        Assert.NotNull(track);
        Assert.NotNull(track.Head);
        Assert.NotNull(track.EyeDistance);
        var motion = HeadMotion.Measure(track.Head, track.EyeDistance, track.LipValid);
        Assert.InRange(motion.Frames, 50, track.Length);
        return (track, motion);
    }
}
