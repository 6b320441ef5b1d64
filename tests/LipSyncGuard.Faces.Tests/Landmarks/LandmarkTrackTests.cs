using LipSyncGuard.Faces.Landmarks;
using LipSyncGuard.Testing;
using Xunit;

namespace LipSyncGuard.Faces.Tests.Landmarks;

public sealed class LandmarkTrackTests(GridTrackFixture grid) : IClassFixture<GridTrackFixture>
{
    [SkippableFact]
    public void Update_GridClip_AllFramesTrustedWithoutShapeJumps()
    {
        SharedMedia.Require(SharedMedia.Grid);
        var track = new LandmarkTrack();

        var frames = grid.Points.Select((p, i) => track.Update(p, i * GridTrackFixture.FrameSeconds)).ToList();

        Assert.Equal(75, frames.Count);
        Assert.All(frames, f => Assert.Equal(LandmarkQuality.None, f.Quality));
        Assert.True(frames.Max(f => f.ShapeChange) < 0.05f, $"largest shape change {frames.Max(f => f.ShapeChange):F3}");
    }

    [SkippableFact]
    public void Update_SmoothedInnerAperture_NoLagAgainstRaw()
    {
        SharedMedia.Require(SharedMedia.Grid);
        var track = new LandmarkTrack();
        var frames = grid.Points.Select((p, i) => track.Update(p, i * GridTrackFixture.FrameSeconds)).ToList();
        var raw = grid.Points.Select(p => (double)LipKinematics.Measure(p).InnerAperture).ToArray();
        var smooth = frames.Select(f => (double)f.Kinematics.InnerAperture).ToArray();

        var best = Enumerable.Range(-3, 7).MaxBy(lag => Correlation(raw, smooth, lag));

        Assert.True(best == 0, string.Join(' ', Enumerable.Range(-3, 7).Select(l => $"{l}:{Correlation(raw, smooth, l):F3}")));
        Assert.True(Correlation(raw, smooth, 0) > 0.95, $"correlation {Correlation(raw, smooth, 0):F3}");
    }

    [SkippableFact]
    public void Smooth_GridClip_ReducesJitterOfRigidPoints()
    {
        SharedMedia.Require(SharedMedia.Grid);
        var smoother = new LandmarkSmoother();
        var smoothed = grid.Points.Select((p, i) => smoother.Smooth(p, i * GridTrackFixture.FrameSeconds)).ToList();

        // The speaker's head barely moves: frame-to-frame second differences of the nose bridge and eye corners are jitter.
        int[] rigid = [LandmarkIndex.NoseBridgeTop, 28, LandmarkIndex.RightEyeInner, LandmarkIndex.LeftEyeInner];
        var rawJitter = Jitter(grid.Points, rigid);
        var smoothJitter = Jitter(smoothed, rigid);

        Assert.True(smoothJitter < 0.7 * rawJitter, $"jitter {smoothJitter:F3} px smoothed vs {rawJitter:F3} px raw");
    }

    [SkippableFact]
    public void Update_PointsOnBackground_FlagsShapeJumpAndRestartsVelocities()
    {
        SharedMedia.Require(SharedMedia.Grid);
        var track = new LandmarkTrack();
        track.Update(grid.Points[10], 0.40);
        // The cascade run on a box over the blue background gives a face-shaped guess unrelated to the real face.
        var rgb = grid.Clip.Frames[11];
        var wrong = GridTrackFixture.Shared.Detector.Detect(rgb, grid.Clip.Width, grid.Clip.Height, grid.Clip.Width * 3, new LandmarkBox(230, 20, 350, 140));

        var frame = track.Update(wrong, 0.44);

        Assert.True(frame.Quality.HasFlag(LandmarkQuality.ShapeJump), $"shape change {frame.ShapeChange:F3}");
        Assert.Equal(0f, frame.Kinematics.InnerApertureVelocity);
    }

    [SkippableFact]
    public void Update_DownscaledFace_FlagsTinyFace()
    {
        SharedMedia.Require(SharedMedia.Grid);
        var track = new LandmarkTrack();
        var small = new FaceLandmarks(grid.Points[0].Points.ToArray().Select(p => p * 0.3f).ToArray());

        var frame = track.Update(small, 0);

        Assert.True(frame.Quality.HasFlag(LandmarkQuality.TinyFace), $"eye corners {small.OuterEyeCornerDistance:F1} px apart");
    }

    private static double Jitter(IReadOnlyList<FaceLandmarks> frames, int[] points)
    {
        double sum = 0;
        var n = 0;
        for (var t = 1; t < frames.Count - 1; t++)
        {
            foreach (var i in points)
            {
                var second = frames[t + 1][i] - (2 * frames[t][i]) + frames[t - 1][i];
                sum += second.Length();
                n++;
            }
        }
        return sum / n;
    }

    private static double Correlation(double[] a, double[] b, int lag)
    {
        var xs = new List<double>();
        var ys = new List<double>();
        for (var i = 0; i < a.Length; i++)
        {
            var j = i + lag;
            if (j < 0 || j >= b.Length) continue;
            xs.Add(a[i]);
            ys.Add(b[j]);
        }
        double mx = xs.Average(), my = ys.Average(), sxy = 0, sxx = 0, syy = 0;
        for (var i = 0; i < xs.Count; i++)
        {
            sxy += (xs[i] - mx) * (ys[i] - my);
            sxx += (xs[i] - mx) * (xs[i] - mx);
            syy += (ys[i] - my) * (ys[i] - my);
        }
        return sxy / Math.Sqrt(sxx * syy);
    }
}
