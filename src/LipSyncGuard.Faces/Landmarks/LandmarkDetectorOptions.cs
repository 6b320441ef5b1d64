namespace LipSyncGuard.Faces.Landmarks;

/// <summary>Where <see cref="LandmarkDetector"/> finds dlib's model and keeps its converted form.</summary>
public sealed record LandmarkDetectorOptions
{
    /// <summary>Where Debian's <c>libdlib-data</c> installs the 68-point model.</summary>
    public const string DebianModelPath = "/usr/share/dlib/shape_predictor_68_face_landmarks.dat";

    /// <summary>The Debian model, cached under the first <c>models/</c> folder above the application.</summary>
    public static LandmarkDetectorOptions Default { get; } = new();

    /// <summary>dlib's <c>shape_predictor_68_face_landmarks.dat</c>.</summary>
    public string ModelPath { get; init; } = DebianModelPath;

    /// <summary>Folder for the compact converted model (keyed by the .dat's sha256); null: <c>$LIPSYNC_MODELS/dlib</c>,
    /// else <c>models/dlib</c> under the first folder above the application that has a <c>models/</c> folder.</summary>
    public string? CacheDirectory { get; init; }

    /// <summary>False parses the .dat every time and writes nothing (the cache makes loading ~10× faster).</summary>
    public bool UseCache { get; init; } = true;
}
