namespace LipSyncGuard.Audio;

/// <summary>What <see cref="MusicDetector"/> found in a soundtrack.</summary>
/// <param name="LowEnergyShare">Mean share of frames below half their window's mean level, over the windows with sound;
/// null when no window has sound.</param>
/// <param name="IsMusic">The share is below <see cref="MusicDetectorOptions.MaxLowEnergyShare"/>: mostly music or another
/// sustained sound, not speech.</param>
public sealed record MusicEstimate(double? LowEnergyShare, bool IsMusic);
