using System.Runtime.CompilerServices;

namespace LipSyncGuard.Faces;

/// <summary>ITU-R BT.601 limited-range YUV → RGB, the conversion ffmpeg's scaler applies to <c>yuv420p</c> by default,
/// so an I420 frame read through <see cref="ImageView"/> gives the colours the RGB24 decode gave.</summary>
internal static class Bt601
{
    /// <summary>Unclamped RGB (0–255 scale) of one luma and chroma sample, which may be interpolated.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static (float R, float G, float B) ToRgb(float y, float u, float v)
    {
        var c = 1.164383f * (y - 16f);
        var d = u - 128f;
        var e = v - 128f;
        return (c + (1.596027f * e), c - (0.391762f * d) - (0.812968f * e), c + (2.017232f * d));
    }

    /// <summary>Rounds and clamps a channel to a byte.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static byte ToByte(float value) => (byte)Math.Clamp((int)(value + 0.5f), 0, 255);

    /// <summary>Clamps a channel to the displayable range, as a byte picture would hold it.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Clamp(float value) => value < 0f ? 0f : value > 255f ? 255f : value;
}
