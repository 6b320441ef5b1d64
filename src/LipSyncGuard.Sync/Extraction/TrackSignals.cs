using LipSyncGuard.Faces;
using LipSyncGuard.Faces.Landmarks;

namespace LipSyncGuard.Sync.Extraction;

/// <summary>Per-frame lip measures of one face track, from its first to its last frame, and its mouth crops when the
/// extractor keeps them (in a <see cref="CropStore"/>: dispose the track, or its <see cref="VideoSignals"/>).</summary>
public sealed class TrackSignals : IDisposable
{
    /// <summary>Lip values per frame: the six scale-normalised distances of <see cref="LipKinematics"/>.</summary>
    public const int LipWidth = LipKinematics.DistanceCount;

    private readonly List<float> _lips = [];
    private readonly List<bool> _valid = [];
    private readonly List<float> _yaw = [];
    private readonly List<float> _head = [];
    private readonly List<float> _forehead = [];
    private readonly List<float> _eyeDistance = [];
    private readonly int _cropFramesInMemory;
    private readonly int _expectedCropFrames;
    private CropStore? _crops;

    internal TrackSignals(int trackId, long startFrame, int cropFramesInMemory = int.MaxValue, int expectedCropFrames = 0)
    {
        TrackId = trackId;
        StartFrame = startFrame;
        _cropFramesInMemory = cropFramesInMemory;
        _expectedCropFrames = expectedCropFrames;
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

    /// <summary>Values per frame of <see cref="Head"/>.</summary>
    public const int HeadWidth = 4;

    /// <summary>Where the head is, <see cref="HeadWidth"/> per frame from the raw (unsmoothed) landmarks: the nose bridge's
    /// x and y in the analysed frame's pixels, the roll of the line through the eyes in radians and how open the eyes are
    /// (<see cref="FaceLandmarks.EyeOpenness"/>); zeros on frames without landmarks. In pixels, not eye distances: a
    /// position divided by each frame's own (jittering) eye distance moves with that jitter times the face's distance from
    /// the frame's corner, so its motion would read where the face is framed. A motion is put in eye distances after it is
    /// measured (<see cref="EyeDistance"/>).</summary>
    public IReadOnlyList<float> Head => _head;

    /// <summary>Per frame, how much fine detail the mouth crop holds against the forehead's (<see cref="Faces.MouthForehead.Contrast"/>):
    /// measured on every <see cref="SignalExtractor.ForeheadEvery"/>th frame whose forehead is in the picture, NaN on the
    /// others.</summary>
    public IReadOnlyList<float> Forehead => _forehead;

    /// <summary>Per frame, the distance between the eye centres of the raw landmarks in the analysed frame's pixels (NaN
    /// without landmarks): how large the face is filmed. Never a cue — a verdict must not read a face's size — but the unit
    /// head motion is measured in, and what the evaluation needs to compare fakes with real faces of the same size.</summary>
    public IReadOnlyList<float> EyeDistance => _eyeDistance;

    /// <summary>Whether each frame's landmarks are trusted (no tiny face, strong yaw or pitch, shape jump).</summary>
    public IReadOnlyList<bool> Valid => _valid;

    /// <summary>Median absolute head yaw over the track, in degrees.</summary>
    public double MedianAbsYaw => _yaw.Count == 0 ? 0 : OrderStatistics.UpperMedian(_yaw.Select(y => (double)Math.Abs(y)));

    /// <summary>Face thumbnail (RGB24, square), taken at the best-scoring detection.</summary>
    public byte[]? Thumbnail { get; internal set; }

    /// <summary>Side of <see cref="Thumbnail"/>.</summary>
    public int ThumbnailSize { get; internal set; }

    internal float ThumbnailScore { get; set; } = float.MinValue;

    /// <summary>Side of the mouth crops, 0 when the extractor keeps none (<see cref="SignalExtractorOptions.MouthCrops"/>).</summary>
    public int CropSize => _crops?.Size ?? 0;

    /// <summary>Frames that have a crop: every frame of the track, or none when the extractor keeps no crops.</summary>
    public int CropFrames => _crops?.Count ?? 0;

    /// <summary>Frames whose crops went to the spill file (beyond <see cref="SignalExtractorOptions.CropFramesInMemory"/>).</summary>
    public int SpilledCropFrames => _crops?.SpilledFrames ?? 0;

    /// <summary>Copies the aligned RGB24 mouth crops of frames <paramref name="start"/> … <paramref name="start"/> +
    /// <paramref name="count"/> − 1 (<see cref="CropSize"/>² × 3 bytes each) into <paramref name="destination"/>.</summary>
    public void ReadCrops(int start, int count, Span<byte> destination) => Store.Read(start, count, destination);

    /// <summary>The crops of frames <paramref name="start"/> … <paramref name="start"/> + <paramref name="count"/> − 1 as a new array.</summary>
    public byte[] ReadCrops(int start, int count) => Store.Read(start, count);

    private CropStore Store => _crops ?? throw new InvalidOperationException($"track {TrackId} kept no mouth crops");

    internal void Add(long frameIndex, LandmarkFrame? frame, ReadOnlySpan<byte> crop = default, int cropSize = 0, float forehead = float.NaN)
    {
        // Frames the tracker skipped (none here: the tracker interpolates) would break the clock; fill them as invalid
        // (their crop repeats this frame's, the nearest picture there is).
        while (StartFrame + Length < frameIndex)
        {
            AddInvalid();
            AddCrop(crop, cropSize);
            _forehead.Add(float.NaN);
        }
        AddCrop(crop, cropSize);
        _forehead.Add(forehead);
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
        AddHead(frame.Raw);
        if (frame.IsTrusted) TrustedFrames++;
    }

    private void AddCrop(ReadOnlySpan<byte> crop, int cropSize)
    {
        if (crop.IsEmpty) return;
        (_crops ??= new CropStore(cropSize, _cropFramesInMemory, _expectedCropFrames)).Add(crop);
    }

    private void AddHead(FaceLandmarks raw)
    {
        var eyes = raw.LeftEyeCenter - raw.RightEyeCenter;
        _eyeDistance.Add(eyes.Length());
        var bridge = raw.Mean(LandmarkIndex.NoseBridgeTop, LandmarkIndex.NoseTip - LandmarkIndex.NoseBridgeTop + 1);
        _head.Add(bridge.X);
        _head.Add(bridge.Y);
        _head.Add(MathF.Atan2(eyes.Y, eyes.X));
        _head.Add(raw.EyeOpenness);
    }

    private void AddInvalid()
    {
        for (var k = 0; k < LipWidth; k++) _lips.Add(0);
        for (var k = 0; k < HeadWidth; k++) _head.Add(0);
        _eyeDistance.Add(float.NaN);
        _valid.Add(false);
    }

    /// <summary>Releases the crops (and closes their spill file).</summary>
    public void Dispose() => _crops?.Dispose();
}
