namespace LipSyncGuard.Faces;

/// <summary>Which BlazeFace network runs.</summary>
public enum DetectorModel
{
    /// <summary>Back model for frames wider than <see cref="FaceDetectorOptions.AutoBackMinWidth"/>, else front, falling
    /// back to the back model when the front one finds nothing.</summary>
    Auto,
    /// <summary>128×128 short-range model: faces that fill at least ~1/8 of the frame, fastest.</summary>
    Front,
    /// <summary>256×256 full-range model: small and distant faces.</summary>
    Back,
}
