using LipSyncGuard.Audio;
using LipSyncGuard.Faces;
using LipSyncGuard.Faces.Landmarks;
using LipSyncGuard.Media;

namespace LipSyncGuard.Sync.Extraction;

/// <summary>Settings of <see cref="SignalExtractor"/>: the models it loads and how frames are read.</summary>
public sealed record SignalExtractorOptions
{
    /// <summary>25 fps, frames no larger than 1280 px, default detector, landmark and VAD models.</summary>
    public static SignalExtractorOptions Default { get; } = new();

    /// <summary>The shared frame clock.</summary>
    public double Fps { get; init; } = 25;

    /// <summary>Longest side frames are decoded at (detection runs on 128/256 px inputs; landmarks on the face).</summary>
    public int MaxSide { get; init; } = 1280;

    /// <summary>How frames are decoded: at <see cref="Fps"/>, no larger than <see cref="MaxSide"/>, as I420 (the face
    /// stage samples pixels through an image view, so ffmpeg need not convert every pixel to RGB).</summary>
    public VideoDecodeOptions Decode => new() { Fps = Fps, MaxSide = MaxSide, PixelFormat = VideoPixelFormat.I420 };

    /// <summary>Face detector settings.</summary>
    public FaceDetectorOptions Detector { get; init; } = FaceDetectorOptions.Default;

    /// <summary>Tracking and selection settings.</summary>
    public FaceAnalysisOptions Faces { get; init; } = FaceAnalysisOptions.Default;

    /// <summary>Landmark model settings.</summary>
    public LandmarkDetectorOptions Landmarks { get; init; } = LandmarkDetectorOptions.Default;

    /// <summary>Per-track landmark post-processing. Yaw is allowed to 60°: the lip distances sync is measured on are
    /// vertical (robust to turning) or z-scored per track (a steady turn cancels out), and interview footage is rarely
    /// frontal; 35° left a quarter of the shared real clips unjudged.</summary>
    public LandmarkTrackOptions LandmarkTrack { get; init; } = LandmarkTrackOptions.Default with { MaxYawDegrees = 60 };

    /// <summary>Speech detector settings.</summary>
    public SpeechDetectorOptions Speech { get; init; } = SpeechDetectorOptions.Default;

    /// <summary>Music detector settings.</summary>
    public MusicDetectorOptions Music { get; init; } = MusicDetectorOptions.Default;

    /// <summary>The audio features computed for the sync measure (<see cref="VideoSignals.Audio"/>): a sync model is fitted
    /// on one kind and reads only that kind (<see cref="SyncOptions.Audio"/>).</summary>
    public SyncAudio Audio { get; init; } = SyncAudio.SpeechEmbedding;

    /// <summary>Speech embedder settings (with <see cref="SyncAudio.SpeechEmbedding"/>).</summary>
    public SpeechEmbedderOptions Embedding { get; init; } = SpeechEmbedderOptions.Default;

    /// <summary>Side of the face thumbnail kept per track.</summary>
    public int ThumbnailSize { get; init; } = 96;

    /// <summary>When set, every tracked face also keeps an aligned mouth crop per frame (and the video keeps centre-crop
    /// fallbacks for the frames, used when it has no face), for window extraction; null keeps no pixels (the sync measure
    /// needs none).</summary>
    public MouthCropOptions? MouthCrops { get; init; }

    /// <summary>With <see cref="MouthCrops"/>: also keep a centre crop of every frame, the stand-in a video without any
    /// face is cut into windows from (training keeps them; analysis, which does not judge a faceless video, does not).</summary>
    public bool FallbackCrops { get; init; } = true;

    /// <summary>Most mouth crops per track held in memory (27.6 KB each at 96 px): bounds memory on long videos. Every frame
    /// still keeps its crop: the rest go to a temporary file that is gone when the signals are disposed (see
    /// <see cref="CropStore"/>). The centre-crop fallback keeps this many frames and no more.</summary>
    public int CropFramesInMemory { get; init; } = int.MaxValue;

    /// <summary>Throws when a setting is out of range.</summary>
    public SignalExtractorOptions Validate()
    {
        if (Fps is <= 0 or > 120) throw new ArgumentOutOfRangeException(nameof(Fps), Fps, "must be in (0, 120]");
        if (MaxSide is < 64 or > 8192) throw new ArgumentOutOfRangeException(nameof(MaxSide), MaxSide, "must be in 64…8192");
        if (ThumbnailSize is < 16 or > 512) throw new ArgumentOutOfRangeException(nameof(ThumbnailSize), ThumbnailSize, "must be in 16…512");
        if (CropFramesInMemory < 1) throw new ArgumentOutOfRangeException(nameof(CropFramesInMemory), CropFramesInMemory, "must be at least 1");
        Detector.Validate();
        Faces.Validate();
        if (!Enum.IsDefined(Audio)) throw new ArgumentOutOfRangeException(nameof(Audio), Audio, "unknown audio features");
        Speech.Validate();
        Embedding.Validate();
        Music.Validate();
        LandmarkTrack.Validate();
        MouthCrops?.Validate();
        return this;
    }
}
