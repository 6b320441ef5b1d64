namespace LipSyncGuard.Data;

/// <summary>One face track of a preprocessed video: a mouth crop, lip measures and where the head is for each of its frames.</summary>
/// <param name="TrackId">The tracker's id (0 for the centre-crop fallback of a video without a face).</param>
/// <param name="StartFrame">First video frame of the track.</param>
/// <param name="Length">Frames covered.</param>
/// <param name="CropSize">Side of the crops.</param>
/// <param name="Crops">Length × CropSize × CropSize × 3 RGB bytes.</param>
/// <param name="Lips">Length × <see cref="LipWidth"/> lip distances.</param>
/// <param name="LipValid">Length flags: landmarks trusted on that frame.</param>
/// <param name="Fallback">True for the centre-crop fallback (no face found in the video).</param>
public sealed record PreprocessedTrack(int TrackId, int StartFrame, int Length, int CropSize, byte[] Crops, float[] Lips, bool[] LipValid, bool Fallback)
{
    /// <summary>Lip values per frame (the six <see cref="Faces.Landmarks.LipKinematics"/> distances).</summary>
    public const int LipWidth = Sync.Extraction.TrackSignals.LipWidth;

    /// <summary>Head values per frame (<see cref="Sync.Extraction.TrackSignals.Head"/>: nose bridge x, y in pixels, roll, eye openness).</summary>
    public const int HeadWidth = Sync.Extraction.TrackSignals.HeadWidth;

    /// <summary>Length × <see cref="HeadWidth"/> head values, or null when not recorded (the centre-crop fallback, tracks made
    /// without landmarks).</summary>
    public float[]? Head { get; init; }

    /// <summary>Length values: the mouth's fine detail against the forehead's (<see cref="Sync.Extraction.TrackSignals.Forehead"/>),
    /// NaN on frames not compared; null when not recorded (the centre-crop fallback, tracks made without crops).</summary>
    public float[]? Forehead { get; init; }

    /// <summary>Length values: the eye distance in the analysed frame's pixels (<see cref="Sync.Extraction.TrackSignals.EyeDistance"/>),
    /// NaN on frames without landmarks; null when not recorded (the centre-crop fallback): the unit of <see cref="Head"/>'s motion.</summary>
    public float[]? EyeDistance { get; init; }

    /// <summary>The median <see cref="EyeDistance"/> over the trusted frames (NaN when not recorded or none is trusted).</summary>
    public double MedianEyeDistance()
    {
        if (EyeDistance is null) return double.NaN;
        var trusted = EyeDistance.Where((e, t) => t < LipValid.Length && LipValid[t] && !float.IsNaN(e)).Select(e => (double)e).ToArray();
        return trusted.Length == 0 ? double.NaN : Faces.OrderStatistics.UpperMedian(trusted);
    }

    /// <summary>Bytes of one crop.</summary>
    public int CropBytes => CropSize * CropSize * 3;
}
