namespace LipSyncGuard.Faces;

/// <summary>One face followed over consecutive frames: a box (detected or interpolated) for every frame from
/// <see cref="StartFrame"/> to <see cref="EndFrame"/>.</summary>
public sealed class FaceTrack
{
    private readonly List<TrackedFace> _frames = [];

    internal FaceTrack(int id) => Id = id;

    /// <summary>Stable id, 1-based, in order of first appearance.</summary>
    public int Id { get; }

    /// <summary>Per-frame faces, consecutive frame indices.</summary>
    public IReadOnlyList<TrackedFace> Frames => _frames;

    /// <summary>First frame.</summary>
    public long StartFrame => _frames[0].FrameIndex;

    /// <summary>Last frame.</summary>
    public long EndFrame => _frames[^1].FrameIndex;

    /// <summary>Frames covered.</summary>
    public int Length => _frames.Count;

    /// <summary>Frames where the detector saw the face.</summary>
    public int DetectedFrames { get; private set; }

    /// <summary>Mean detector score over detected frames.</summary>
    public float MeanScore { get; private set; }

    /// <summary>Mean box over all frames.</summary>
    public FaceBox MeanBox { get; private set; }

    /// <summary>Mean box area over all frames, in square pixels.</summary>
    public float MeanArea { get; private set; }

    /// <summary>The face at <paramref name="frameIndex"/>, or null outside the track.</summary>
    public TrackedFace? At(long frameIndex)
    {
        if (_frames.Count == 0 || frameIndex < StartFrame || frameIndex > EndFrame) return null;
        return _frames[(int)(frameIndex - StartFrame)];
    }

    internal TrackedFace Last => _frames[^1];

    internal void Add(TrackedFace face)
    {
        if (_frames.Count > 0 && face.FrameIndex != EndFrame + 1)
        {
            throw new InvalidOperationException($"track {Id}: frame {face.FrameIndex} does not follow {EndFrame}");
        }
        _frames.Add(face);
    }

    /// <summary>Computes the summary statistics once the track is complete.</summary>
    internal void Summarise()
    {
        double x = 0, y = 0, w = 0, h = 0, area = 0, score = 0;
        var detected = 0;
        foreach (var f in _frames)
        {
            x += f.Box.X;
            y += f.Box.Y;
            w += f.Box.Width;
            h += f.Box.Height;
            area += f.Box.Area;
            if (!f.Detected) continue;
            detected++;
            score += f.Score;
        }
        var n = Math.Max(1, _frames.Count);
        MeanBox = new FaceBox((float)(x / n), (float)(y / n), (float)(w / n), (float)(h / n));
        MeanArea = (float)(area / n);
        DetectedFrames = detected;
        MeanScore = detected == 0 ? 0 : (float)(score / detected);
    }
}
