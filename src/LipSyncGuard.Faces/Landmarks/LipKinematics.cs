using System.Numerics;

namespace LipSyncGuard.Faces.Landmarks;

/// <summary>Lip and jaw geometry of one frame, every distance divided by the face scale — the outer-eye-corner distance
/// (points 36–45) — so values are comparable across people, face sizes and zoom. Velocities are the change of each
/// distance per second against the previous frame of the same track (0 on a track's first frame or after a reset).
/// Point numbers follow iBUG's 68-point scheme (<see cref="LandmarkIndex"/>).</summary>
/// <param name="InnerAperture">Inner lip gap: mean of |61–67|, |62–66|, |63–65| (≈ 0 with closed lips).</param>
/// <param name="OuterAperture">Outer lip height: mean of |50–58|, |51–57|, |52–56| (lip thickness plus the gap).</param>
/// <param name="MouthWidth">Outer mouth corners |48–54|.</param>
/// <param name="InnerMouthWidth">Inner mouth corners |60–64|.</param>
/// <param name="LipToNose">Nose bottom (subnasale, 33) to the top of the upper lip (51).</param>
/// <param name="ChinToNose">Nose bottom (33) to the chin tip (8): follows the jaw opening.</param>
/// <param name="InnerApertureVelocity">d<see cref="InnerAperture"/>/dt, per second.</param>
/// <param name="OuterApertureVelocity">d<see cref="OuterAperture"/>/dt, per second.</param>
/// <param name="MouthWidthVelocity">d<see cref="MouthWidth"/>/dt, per second.</param>
/// <param name="InnerMouthWidthVelocity">d<see cref="InnerMouthWidth"/>/dt, per second.</param>
/// <param name="LipToNoseVelocity">d<see cref="LipToNose"/>/dt, per second.</param>
/// <param name="ChinToNoseVelocity">d<see cref="ChinToNose"/>/dt, per second.</param>
public sealed record LipKinematics(
    float InnerAperture, float OuterAperture, float MouthWidth, float InnerMouthWidth, float LipToNose, float ChinToNose,
    float InnerApertureVelocity, float OuterApertureVelocity, float MouthWidthVelocity, float InnerMouthWidthVelocity,
    float LipToNoseVelocity, float ChinToNoseVelocity)
{
    /// <summary>Number of distances (and of velocities) in the record.</summary>
    public const int DistanceCount = 6;

    /// <summary>Measures <paramref name="landmarks"/>; with <paramref name="previous"/> (the same track's last frame,
    /// <paramref name="secondsSincePrevious"/> earlier) the velocities are filled in, otherwise they are 0.</summary>
    /// <exception cref="ArgumentException">The eye corners coincide (no face scale).</exception>
    public static LipKinematics Measure(FaceLandmarks landmarks, LipKinematics? previous = null, double secondsSincePrevious = 0)
    {
        ArgumentNullException.ThrowIfNull(landmarks);
        var scale = landmarks.OuterEyeCornerDistance;
        if (!(scale > 1e-3f)) throw new ArgumentException($"outer eye corners coincide ({scale} px apart): no face scale", nameof(landmarks));
        float D(int a, int b) => Vector2.Distance(landmarks[a], landmarks[b]) / scale;

        var inner = (D(61, 67) + D(62, 66) + D(63, 65)) / 3;
        var outer = (D(50, 58) + D(51, 57) + D(52, 56)) / 3;
        var width = D(LandmarkIndex.MouthRight, LandmarkIndex.MouthLeft);
        var innerWidth = D(LandmarkIndex.InnerMouthRight, LandmarkIndex.InnerMouthLeft);
        var lipToNose = D(LandmarkIndex.NoseBottom, LandmarkIndex.UpperLipTop);
        var chinToNose = D(LandmarkIndex.NoseBottom, LandmarkIndex.Chin);
        if (previous is null || !(secondsSincePrevious > 0))
            return new LipKinematics(inner, outer, width, innerWidth, lipToNose, chinToNose, 0, 0, 0, 0, 0, 0);
        var rate = (float)(1 / secondsSincePrevious);
        return new LipKinematics(inner, outer, width, innerWidth, lipToNose, chinToNose,
            (inner - previous.InnerAperture) * rate, (outer - previous.OuterAperture) * rate, (width - previous.MouthWidth) * rate,
            (innerWidth - previous.InnerMouthWidth) * rate, (lipToNose - previous.LipToNose) * rate, (chinToNose - previous.ChinToNose) * rate);
    }

    /// <summary>Writes the six distances then the six velocities, in declaration order, for feature vectors.</summary>
    public void CopyTo(Span<float> destination)
    {
        if (destination.Length < 2 * DistanceCount) throw new ArgumentException($"destination: expected {2 * DistanceCount} values, got {destination.Length}", nameof(destination));
        destination[0] = InnerAperture;
        destination[1] = OuterAperture;
        destination[2] = MouthWidth;
        destination[3] = InnerMouthWidth;
        destination[4] = LipToNose;
        destination[5] = ChinToNose;
        destination[6] = InnerApertureVelocity;
        destination[7] = OuterApertureVelocity;
        destination[8] = MouthWidthVelocity;
        destination[9] = InnerMouthWidthVelocity;
        destination[10] = LipToNoseVelocity;
        destination[11] = ChinToNoseVelocity;
    }
}
