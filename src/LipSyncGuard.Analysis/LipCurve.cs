namespace LipSyncGuard.Analysis;

/// <summary>A face's lip opening against the speech, frame by frame (what <c>lipsync lips --plot</c> draws): a person
/// can see whether the mouth opens when speech is heard.</summary>
/// <param name="StartS">Time of the first value.</param>
/// <param name="Fps">Values per second.</param>
/// <param name="Opening">Inner lip gap in eye-corner distances (null where the landmarks were not trusted).</param>
/// <param name="Speech">Speech probability, 0…1.</param>
public sealed record LipCurve(double StartS, double Fps, IReadOnlyList<double?> Opening, IReadOnlyList<double> Speech);
