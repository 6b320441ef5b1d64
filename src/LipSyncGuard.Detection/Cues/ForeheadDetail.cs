using LipSyncGuard.Faces;

namespace LipSyncGuard.Detection.Cues;

/// <summary>Whether the mouth is softer than the forehead. Lip-sync generators repaint the lower face at their own
/// resolution (Wav2Lip 96 px, most others a 256 px face) and paste it back below the eyes, so it holds less of the
/// camera's fine detail and noise than the forehead, which they leave as filmed; a face restorer run over the paste makes
/// it sharper instead. Comparing against the forehead rather than the cheeks matters: Wav2Lip and its kin repaint the
/// cheeks with the mouth, so the mouth-against-cheeks texture cue sees nothing there. Each frame's comparison is
/// <see cref="Faces.MouthForehead.Contrast"/>; the face's value is their median over trusted frames.</summary>
public static class ForeheadDetail
{
    /// <summary>The median of the comparisons on trusted frames (NaN entries: frames not compared).</summary>
    public static ForeheadDetailStats Measure(ReadOnlySpan<float> contrast, ReadOnlySpan<bool> valid)
    {
        var values = new List<double>();
        for (var t = 0; t < Math.Min(contrast.Length, valid.Length); t++)
            if (valid[t] && float.IsFinite(contrast[t])) values.Add(contrast[t]);
        return values.Count == 0 ? default : new ForeheadDetailStats(values.Count, OrderStatistics.Median(values));
    }
}

/// <summary>The mouth's fine detail against the forehead's for one face (<see cref="ForeheadDetail"/>).</summary>
/// <param name="Frames">Frames compared (0: not measured — the forehead was never in the picture).</param>
/// <param name="Median">Median of log((mouth detail + 1) / (forehead detail + 1)): negative when the mouth is softer.</param>
public readonly record struct ForeheadDetailStats(int Frames, double Median);
