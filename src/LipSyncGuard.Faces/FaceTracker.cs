namespace LipSyncGuard.Faces;

/// <summary>Links per-frame detections into tracks by greedy IoU matching (best pairs first). A track unmatched for
/// up to <see cref="FaceTrackerOptions.MaxGap"/> frames resumes when a detection overlaps its last box, and the gap is
/// filled by linear interpolation flagged as not detected. Boxes and keypoints are smoothed exponentially.</summary>
public sealed class FaceTracker
{
    private readonly List<FaceTrack> _live = [];
    private readonly List<FaceTrack> _closed = [];
    private readonly List<TrackSnapshot> _snapshot = [];
    private readonly List<(float Iou, int Track, int Detection)> _pairs = [];
    private int _nextId = 1;
    private long _lastFrame = -1;

    /// <summary>Creates a tracker.</summary>
    public FaceTracker(FaceTrackerOptions? options = null) => Options = (options ?? FaceTrackerOptions.Default).Validate();

    /// <summary>The validated options.</summary>
    public FaceTrackerOptions Options { get; }

    /// <summary>Feeds frame <paramref name="frameIndex"/>. <paramref name="detections"/> null means the detector did
    /// not run on this frame (tracks carry on unchanged). <paramref name="shotChange"/>: the frame starts a new shot, where
    /// a followed box is no evidence of where its face went (only <see cref="FaceTrackerOptions.MaxCenterShift"/> applies).
    /// Returns the live tracks at this frame (valid until the next call).</summary>
    public IReadOnlyList<TrackSnapshot> Update(long frameIndex, IReadOnlyList<FaceDetection>? detections, bool shotChange = false)
    {
        if (frameIndex <= _lastFrame) throw new ArgumentOutOfRangeException(nameof(frameIndex), frameIndex, $"frames must increase (last was {_lastFrame})");
        _lastFrame = frameIndex;
        if (detections is not null) Match(frameIndex, detections, shotChange);
        _snapshot.Clear();
        foreach (var track in _live)
        {
            var last = track.Last;
            _snapshot.Add(new TrackSnapshot(track.Id, last.FrameIndex == frameIndex ? last : last with { FrameIndex = frameIndex, Detected = false, Detection = null }));
        }
        return _snapshot;
    }

    /// <summary>Closes every track and returns all of them, ordered by id.</summary>
    public IReadOnlyList<FaceTrack> Complete()
    {
        _closed.AddRange(_live);
        _live.Clear();
        foreach (var t in _closed) t.Summarise();
        _closed.Sort(static (a, b) => a.Id.CompareTo(b.Id));
        return [.. _closed];
    }

    private void Match(long frameIndex, IReadOnlyList<FaceDetection> detections, bool shotChange)
    {
        // Tracks silent for longer than the allowed gap can no longer match anything.
        for (var i = _live.Count - 1; i >= 0; i--)
        {
            if (frameIndex - _live[i].EndFrame > Options.MaxGap + 1)
            {
                _closed.Add(_live[i]);
                _live.RemoveAt(i);
            }
        }
        _pairs.Clear();
        for (var t = 0; t < _live.Count; t++)
        {
            var box = _live[t].Last.Box;
            for (var d = 0; d < detections.Count; d++)
            {
                var iou = box.IoU(detections[d].Box);
                if (iou >= Options.IouThreshold) _pairs.Add((iou, t, d));
            }
        }
        _pairs.Sort(static (a, b) => b.Iou.CompareTo(a.Iou));
        Span<bool> trackUsed = stackalloc bool[_live.Count];
        Span<bool> detectionUsed = detections.Count <= 256 ? stackalloc bool[detections.Count] : new bool[detections.Count];
        foreach (var (_, t, d) in _pairs)
        {
            if (trackUsed[t] || detectionUsed[d]) continue;
            trackUsed[t] = detectionUsed[d] = true;
            Extend(_live[t], frameIndex, detections[d]);
        }
        // Second chance for what IoU left apart: detector boxes of a small or half-turned face jitter in size and
        // position enough to drop IoU below the threshold between two frames of the same face. A detection whose
        // centre lies within half a box width of a track's centre, at a similar size, is that face — within three
        // quarters when the track's box was followed by its points, which drift as the face turns (the options say why),
        // unless a shot change sets another face where the followed one was.
        _pairs.Clear();
        for (var t = 0; t < _live.Count; t++)
        {
            if (trackUsed[t]) continue;
            var last = _live[t].Last;
            var box = last.Box;
            var maxShift = !shotChange && last.Detection?.Stage == DetectionStage.Landmarks ? Options.MaxFollowedCenterShift : Options.MaxCenterShift;
            for (var d = 0; d < detections.Count; d++)
            {
                if (detectionUsed[d]) continue;
                var other = detections[d].Box;
                var width = Math.Max(box.Width, other.Width);
                var distance = MathF.Sqrt(MathF.Pow(box.CenterX - other.CenterX, 2) + MathF.Pow(box.CenterY - other.CenterY, 2));
                var sizeRatio = width / Math.Max(1e-3f, Math.Min(box.Width, other.Width));
                if (distance <= maxShift * width && sizeRatio <= 1.6f) _pairs.Add((-distance / width, t, d));
            }
        }
        _pairs.Sort(static (a, b) => b.Iou.CompareTo(a.Iou));
        foreach (var (_, t, d) in _pairs)
        {
            if (trackUsed[t] || detectionUsed[d]) continue;
            trackUsed[t] = detectionUsed[d] = true;
            Extend(_live[t], frameIndex, detections[d]);
        }
        for (var d = 0; d < detections.Count; d++)
        {
            if (detectionUsed[d]) continue;
            var det = detections[d];
            var track = new FaceTrack(_nextId++);
            track.Add(new TrackedFace(frameIndex, det.Box, det.Keypoints, det.Score, true, det));
            _live.Add(track);
        }
    }

    private void Extend(FaceTrack track, long frameIndex, FaceDetection detection)
    {
        var last = track.Last;
        var motion = MathF.Sqrt(MathF.Pow(detection.Box.CenterX - last.Box.CenterX, 2) + MathF.Pow(detection.Box.CenterY - last.Box.CenterY, 2));
        var a = Math.Clamp(motion / (Options.MotionForNoSmoothing * Math.Max(1f, last.Box.Width)), Options.Smoothing, 1f);
        var smoothed = new TrackedFace(
            frameIndex,
            last.Box.Lerp(detection.Box, a),
            last.Keypoints.Lerp(detection.Keypoints, a),
            detection.Score,
            true,
            detection);
        var gap = frameIndex - last.FrameIndex;
        for (var k = 1; k < gap; k++)
        {
            var t = (float)k / gap;
            track.Add(new TrackedFace(
                last.FrameIndex + k,
                last.Box.Lerp(smoothed.Box, t),
                last.Keypoints.Lerp(smoothed.Keypoints, t),
                last.Score + ((smoothed.Score - last.Score) * t),
                false,
                null));
        }
        track.Add(smoothed);
    }
}
