namespace LipSyncGuard.Media;

/// <summary>Mono PCM samples in [-1, 1].</summary>
/// <param name="Samples">The samples.</param>
/// <param name="SampleRate">Samples per second.</param>
public sealed record AudioClip(float[] Samples, int SampleRate)
{
    /// <summary>Length in time.</summary>
    public TimeSpan Duration => TimeSpan.FromSeconds((double)Samples.Length / SampleRate);
}
