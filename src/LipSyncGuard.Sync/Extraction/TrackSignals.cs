using LipSyncGuard.Faces.Landmarks;

namespace LipSyncGuard.Sync.Extraction;

/// <summary>Per-frame lip measures of one face track, from its first to its last frame.</summary>
public sealed class TrackSignals
{
    /// <summary>Lip values per frame: the six scale-normalised distances of <see cref="LipKinematics"/>.</summary>
    public const int LipWidth = LipKinematics.DistanceCount;

    private readonly List<float> _lips = [];
    private readonly List<bool> _valid = [];
    private readonly List<float> _yaw = [];
    private readonly int _maxCropFrames;
    private readonly int _expectedCropFrames;
    private byte[] _crops = [];
    private int _cropBytes;

    internal TrackSignals(int trackId, long startFrame, int maxCropFrames = int.MaxValue, int expectedCropFrames = 0)
    {
        TrackId = trackId;
        StartFrame = startFrame;
        _maxCropFrames = maxCropFrames;
        _expectedCropFrames = Math.Min(expectedCropFrames, maxCropFrames);
    }

    /// <summary>The tracker's id.</summary>
    public int TrackId { get; }

    /// <summary>The first frame.</summary>
    public long StartFrame { get; }

    /// <summary>Frames covered.</summary>
    public int Length => _valid.Count;

    /// <summary>Frames whose landmarks were trusted.</summary>
    public int TrustedFrames { get; private set; }

    /// <summary>Lip distances, <see cref="LipWidth"/> per frame.</summary>
    public IReadOnlyList<float> Lips => _lips;

    /// <summary>Whether each frame's landmarks are trusted (no tiny face, strong yaw or pitch, shape jump).</summary>
    public IReadOnlyList<bool> Valid => _valid;

    /// <summary>Median absolute head yaw over the track, in degrees.</summary>
    public double MedianAbsYaw
    {
        get
        {
            if (_yaw.Count == 0) return 0;
            var sorted = _yaw.Select(Math.Abs).Order().ToArray();
            return sorted[sorted.Length / 2];
        }
    }

    /// <summary>Face thumbnail (RGB24, square), taken at the best-scoring detection.</summary>
    public byte[]? Thumbnail { get; internal set; }

    /// <summary>Side of <see cref="Thumbnail"/>.</summary>
    public int ThumbnailSize { get; internal set; }

    internal float ThumbnailScore { get; set; } = float.MinValue;

    /// <summary>Side of the mouth crops, 0 when the extractor keeps none (<see cref="SignalExtractorOptions.MouthCrops"/>).</summary>
    public int CropSize { get; private set; }

    /// <summary>One aligned RGB24 mouth crop per frame (<see cref="CropSize"/>² × 3 bytes each, frame after frame) for the
    /// first <see cref="CropFrames"/> frames, or empty when the extractor keeps none.</summary>
    public ReadOnlySpan<byte> Crops => _crops.AsSpan(0, _cropBytes);

    /// <summary>Frames that have a crop: the track's length, or the extractor's crop budget when the track is longer.</summary>
    public int CropFrames => CropSize == 0 ? 0 : _cropBytes / (CropSize * CropSize * 3);

    internal void Add(long frameIndex, LandmarkFrame? frame, ReadOnlySpan<byte> crop = default, int cropSize = 0)
    {
        // Frames the tracker skipped (none here: the tracker interpolates) would break the clock; fill them as invalid
        // (their crop repeats this frame's, the nearest picture there is).
        while (StartFrame + Length < frameIndex)
        {
            AddInvalid();
            AddCrop(crop, cropSize);
        }
        AddCrop(crop, cropSize);
        if (frame is null)
        {
            AddInvalid();
            return;
        }
        Span<float> all = stackalloc float[2 * LipKinematics.DistanceCount];
        frame.Kinematics.CopyTo(all);
        foreach (var v in all[..LipWidth]) _lips.Add(v);
        _valid.Add(frame.IsTrusted);
        _yaw.Add((float)frame.Pose.Yaw);
        if (frame.IsTrusted) TrustedFrames++;
    }

    private void AddCrop(ReadOnlySpan<byte> crop, int cropSize)
    {
        if (crop.IsEmpty || (CropSize > 0 && CropFrames >= _maxCropFrames)) return;
        CropSize = cropSize;
        if (_cropBytes + crop.Length > _crops.Length)
            Array.Resize(ref _crops, Math.Max(_cropBytes + crop.Length, Math.Max(_crops.Length * 2, _expectedCropFrames * crop.Length)));
        crop.CopyTo(_crops.AsSpan(_cropBytes));
        _cropBytes += crop.Length;
    }

    private void AddInvalid()
    {
        for (var k = 0; k < LipWidth; k++) _lips.Add(0);
        _valid.Add(false);
    }
}
