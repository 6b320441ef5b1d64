namespace LipSyncGuard.Faces.Landmarks;

/// <summary>Per-track landmark post-processing, frame after frame: quality flags, One-Euro smoothing, head pose and lip
/// kinematics with velocities. Not thread-safe: one instance per face track; call <see cref="Reset"/> when the track
/// is lost or the shot cuts.</summary>
public sealed class LandmarkTrack
{
    private readonly LandmarkTrackOptions _options;
    private readonly LandmarkSmoother _smoother;
    private LandmarkFrame? _previous;

    /// <summary>Creates a track; <paramref name="options"/> null uses <see cref="LandmarkTrackOptions.Default"/>.</summary>
    public LandmarkTrack(LandmarkTrackOptions? options = null)
    {
        _options = (options ?? LandmarkTrackOptions.Default).Validate();
        _smoother = new LandmarkSmoother(_options.Smoothing);
    }

    /// <summary>Forgets the previous frame: the next one starts smoothing and velocities afresh.</summary>
    public void Reset()
    {
        _previous = null;
        _smoother.Reset();
    }

    /// <summary>Processes the points detected in the frame at <paramref name="timestampSeconds"/>.</summary>
    public LandmarkFrame Update(FaceLandmarks raw, double timestampSeconds)
    {
        ArgumentNullException.ThrowIfNull(raw);
        var quality = LandmarkQuality.None;
        var change = _previous is null ? 0f : ShapeAlignment.MeanResidual(_previous.Raw, raw);
        var continuous = _previous is not null && timestampSeconds > _previous.TimestampSeconds;
        var (shift, ratio) = _previous is null ? (0f, 1f) : ShapeAlignment.RigidMotion(_previous.Raw, raw);
        var jumped = change > _options.MaxShapeChange || shift > _options.MaxFaceShift
            || ratio > _options.MaxScaleChange || ratio < 1 / _options.MaxScaleChange;
        if (continuous && jumped)
        {
            // Smoothing across a failure would drag the bad shape into the next frames; velocities across it are noise.
            quality |= LandmarkQuality.ShapeJump;
            continuous = false;
        }
        if (!continuous) _smoother.Reset();
        var smoothed = _smoother.Smooth(raw, timestampSeconds);
        var pose = HeadPose.Estimate(smoothed);
        if (raw.OuterEyeCornerDistance < _options.MinEyeCornerDistance) quality |= LandmarkQuality.TinyFace;
        if (Math.Abs(pose.Yaw) > _options.MaxYawDegrees) quality |= LandmarkQuality.StrongYaw;
        if (Math.Abs(pose.Pitch) > _options.MaxPitchDegrees) quality |= LandmarkQuality.StrongPitch;
        var kinematics = continuous
            ? LipKinematics.Measure(smoothed, _previous!.Kinematics, timestampSeconds - _previous.TimestampSeconds)
            : LipKinematics.Measure(smoothed);
        var frame = new LandmarkFrame(timestampSeconds, raw, smoothed, pose, quality, change, kinematics);
        _previous = frame;
        return frame;
    }
}
