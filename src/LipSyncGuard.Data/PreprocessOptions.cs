using System.Globalization;
using LipSyncGuard.Faces;
using LipSyncGuard.Sync.Extraction;

namespace LipSyncGuard.Data;

/// <summary>What preprocessing computes per video: the frame clock, crop geometry and which face tracks are kept. Every
/// setting here is part of the cache key, so changing one re-extracts only what it affects.</summary>
public sealed record PreprocessOptions
{
    /// <summary>Bump when extraction changes what an entry holds (crop alignment, mel conventions, landmark post-processing).
    /// 2: frames decoded as I420 and converted to colour where sampled.</summary>
    public const int PipelineVersion = 2;

    /// <summary>25 fps, 96×96 mouth crops, the longest face track.</summary>
    public static PreprocessOptions Default { get; } = new();

    /// <summary>The shared frame clock.</summary>
    public double Fps { get; init; } = 25;

    /// <summary>Longest side frames are decoded at: the analysis default (<c>AnalysisOptions.MaxSide</c>), so a trained
    /// model sees crops cut from frames of the size it will be shown.</summary>
    public int MaxSide { get; init; } = 640;

    /// <summary>Side of the square mouth crops (the model input size).</summary>
    public int CropSize { get; init; } = 96;

    /// <summary>Which face tracks become sample streams: one (longest, largest, first) or <see cref="TrackSelection.All"/>
    /// (multi-subject: every selected face is its own stream).</summary>
    public TrackSelection Selection { get; init; } = TrackSelection.Longest;

    /// <summary>Every K-th face-detector run searches the whole frame, the runs between follow each face by the landmark
    /// cascade from its previous points (<see cref="FaceAnalysisOptions.KeyFrameEvery"/>). Followed keypoints sit slightly differently on the face than
    /// searched ones, so a model is fitted on crops cut the way the analysis it ships with will cut them.</summary>
    public int KeyFrameEvery { get; init; } = 1;

    /// <summary>Throws when a setting is out of range.</summary>
    public PreprocessOptions Validate()
    {
        if (Fps is <= 0 or > 120) throw new ArgumentOutOfRangeException(nameof(Fps), Fps, "must be in (0, 120]");
        if (MaxSide is < 64 or > 8192) throw new ArgumentOutOfRangeException(nameof(MaxSide), MaxSide, "must be in 64…8192");
        if (CropSize is < 16 or > 512) throw new ArgumentOutOfRangeException(nameof(CropSize), CropSize, "must be in 16…512");
        if (!Enum.IsDefined(Selection)) throw new ArgumentOutOfRangeException(nameof(Selection), Selection, "unknown selection");
        if (KeyFrameEvery is < 1 or > FaceAnalysisOptions.MaxKeyFrameEvery)
            throw new ArgumentOutOfRangeException(nameof(KeyFrameEvery), KeyFrameEvery, $"must be in 1…{FaceAnalysisOptions.MaxKeyFrameEvery}");
        return this;
    }

    /// <summary>The signal extractor settings that produce these features.</summary>
    public SignalExtractorOptions ToExtractorOptions() => new()
    {
        Fps = Fps,
        MaxSide = MaxSide,
        Faces = FaceAnalysisOptions.Default with { Selection = Selection, KeyFrameEvery = KeyFrameEvery, FollowByPoints = true },
        MouthCrops = MouthCropOptions.Default with { Size = CropSize },
    };

    /// <summary>A stable text of everything that changes an entry's content (part of the cache key). A full search on every
    /// frame adds nothing, so entries made before following existed keep their keys.</summary>
    public string Fingerprint()
    {
        var o = ToExtractorOptions();
        // "points": faces followed by the landmark cascade between key frames (entries followed on detector crops are "|keyK").
        var following = o.Faces.KeyFrameEvery == 1 ? "" : string.Create(CultureInfo.InvariantCulture, $"|key{o.Faces.KeyFrameEvery}{(o.Faces.FollowByPoints ? "points" : "")}");
        return string.Create(CultureInfo.InvariantCulture,
            $"v{PipelineVersion}|{o.Fps}|{o.MaxSide}|{o.Detector}|{o.Faces.Tracker}|{o.Faces.Selection}|{o.Faces.MinTrackLength}|{o.MouthCrops}|{o.Speech}{following}");
    }
}
