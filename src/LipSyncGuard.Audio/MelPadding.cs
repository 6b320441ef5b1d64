namespace LipSyncGuard.Audio;

/// <summary>How the clip is extended by half an FFT at each end, so that mel frame <c>t</c> is centred on sample
/// <c>t × hop</c> (the <c>center=True</c> convention of torchaudio and librosa).</summary>
public enum MelPadding
{
    /// <summary>Mirror the clip without repeating the edge sample: torchaudio's <c>pad_mode="reflect"</c>. Needs a clip
    /// longer than half an FFT.</summary>
    Reflect,

    /// <summary>Zeros: librosa's default (<c>pad_mode="constant"</c>) since 0.10. Works for any length.</summary>
    Zero,
}
