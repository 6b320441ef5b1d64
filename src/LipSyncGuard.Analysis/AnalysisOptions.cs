using LipSyncGuard.Faces;

namespace LipSyncGuard.Analysis;

/// <summary>How a video is analysed. Hosts bind these from arguments or form fields.</summary>
public sealed record AnalysisOptions
{
    /// <summary>Longest track, up to 5 faces per frame, 1 s windows hopping 0.5 s.</summary>
    public static AnalysisOptions Default { get; } = new();

    /// <summary>The operating points a cue verdict is fitted with (<c>lipsync fit-cues</c>): <c>strict</c> (about 2 % of
    /// real videos from unseen sources called manipulated), <c>balanced</c> (5 %) and <c>sensitive</c> (10 %).</summary>
    public static IReadOnlyList<string> OperatingPoints => Detection.Cues.OperatingPoint.Names;

    /// <summary>Which tracks decide the verdict.</summary>
    public TrackSelection Selection { get; init; } = TrackSelection.Longest;

    /// <summary>Most faces detected per frame.</summary>
    public int MaxFaces { get; init; } = 5;

    /// <summary>Timeline window length.</summary>
    public double WindowSeconds { get; init; } = 1.0;

    /// <summary>Timeline hop.</summary>
    public double HopSeconds { get; init; } = 0.5;

    /// <summary>Frames are decoded no larger than this on their longer side. 640 keeps the fast short-range detector
    /// (BlazeFace 128) in play and still leaves a talking head hundreds of pixels wide; a face too small at 640 px is
    /// too small for trustworthy lip landmarks anyway. Raise it for wide shots with small speakers.</summary>
    public int MaxSide { get; init; } = 640;

    /// <summary>Detect faces every K frames (the tracker carries boxes between).</summary>
    public int DetectEvery { get; init; } = 1;

    /// <summary>Search the whole frame for faces every K detector runs and follow the tracked faces on crops between
    /// (<see cref="FaceAnalysisOptions.KeyFrameEvery"/>); 1 searches every run. Null (the default): what the deciding
    /// model was fitted with (the cue verdict's <c>KeyFrameEvery</c>; a trained detector and the sync-only mode: 1), since
    /// followed keypoints sit slightly differently on the face than searched ones and a model is only measured on the
    /// crops it was fitted on.</summary>
    public int? KeyFrameEvery { get; init; }

    /// <summary>Below this share of frames with speech the result carries a <c>low_speech</c> warning.</summary>
    public double MinSpeechFraction { get; init; } = 0.2;

    /// <summary>The cue verdict's operating point for this analysis, one of <see cref="OperatingPoints"/>; null: the
    /// engine's (<see cref="LipSyncAnalyzerOptions.OperatingPoint"/>). A trained detector and the sync-only mode have one
    /// threshold and no operating points: they keep it and warn <c>operating_point_ignored</c> for any but balanced.</summary>
    public string? OperatingPoint { get; init; }

    /// <summary>Throws when a setting is out of range (<see cref="UnknownOperatingPointException"/> for the operating point).</summary>
    public AnalysisOptions Validate()
    {
        if (!Enum.IsDefined(Selection)) throw new ArgumentOutOfRangeException(nameof(Selection), Selection, "unknown selection");
        if (MaxFaces is < 1 or > 50) throw new ArgumentOutOfRangeException(nameof(MaxFaces), MaxFaces, "must be in 1…50");
        if (WindowSeconds is < 0.2 or > 10) throw new ArgumentOutOfRangeException(nameof(WindowSeconds), WindowSeconds, "must be in 0.2…10 s");
        if (HopSeconds <= 0 || HopSeconds > WindowSeconds) throw new ArgumentOutOfRangeException(nameof(HopSeconds), HopSeconds, "must be in (0, window]");
        if (MaxSide is < 64 or > 8192) throw new ArgumentOutOfRangeException(nameof(MaxSide), MaxSide, "must be in 64…8192");
        if (DetectEvery is < 1 or > 100) throw new ArgumentOutOfRangeException(nameof(DetectEvery), DetectEvery, "must be in 1…100");
        if (KeyFrameEvery is < 1 or > FaceAnalysisOptions.MaxKeyFrameEvery)
            throw new ArgumentOutOfRangeException(nameof(KeyFrameEvery), KeyFrameEvery, $"must be in 1…{FaceAnalysisOptions.MaxKeyFrameEvery}");
        if (MinSpeechFraction is < 0 or > 1) throw new ArgumentOutOfRangeException(nameof(MinSpeechFraction), MinSpeechFraction, "must be in 0…1");
        if (OperatingPoint is not null && !OperatingPoints.Contains(OperatingPoint))
            throw new UnknownOperatingPointException($"unknown operating point '{OperatingPoint}': use one of {string.Join(", ", OperatingPoints)}");
        return this;
    }
}
