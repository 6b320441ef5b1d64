using LipSyncGuard.Faces.Landmarks;
using LipSyncGuard.Testing;

namespace LipSyncGuard.Faces.Tests.Landmarks;

/// <summary>The GRID clip's 75 frames with landmarks tracked through it: dlib's HOG box on frame 0, then each frame's
/// model box from the previous frame's points (<see cref="LandmarkDetector.FrameFor"/>), as a tracker would run.</summary>
public sealed class GridTrackFixture
{
    private readonly Lazy<(ClipFrames Clip, List<FaceLandmarks> Points)> _data;

    public GridTrackFixture()
    {
        _data = new Lazy<(ClipFrames, List<FaceLandmarks>)>(() =>
        {
            var detector = Shared.Detector;
            var clip = ClipFrames.Load(SharedMedia.Grid, 360, 288);
            var box = LandmarkFixture.ForFrame(SharedMedia.Grid, LandmarkFixture.GridClosedMouthFrame).Faces.Single().Box;
            var points = new List<FaceLandmarks>();
            var frame = ShapeFrame.FromBox(box);
            foreach (var rgb in clip.Frames)
            {
                var p = detector.Detect(rgb, clip.Width, clip.Height, clip.Width * 3, frame);
                points.Add(p);
                frame = detector.FrameFor(p);
            }
            return (clip, points);
        });
    }

    public static DetectorFixture Shared { get; } = new();

    public const double FrameSeconds = 0.04;

    public ClipFrames Clip => _data.Value.Clip;

    public IReadOnlyList<FaceLandmarks> Points => _data.Value.Points;
}
