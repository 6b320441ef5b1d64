using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace LipSyncGuard.Faces;

/// <summary>ITU-R BT.601 limited-range YUV → RGB, the conversion ffmpeg's scaler applies to <c>yuv420p</c> by default,
/// so an I420 frame read through <see cref="ImageView"/> gives the colours the RGB24 decode gave.</summary>
internal static class Bt601
{
    private const float LumaScale = 1.164383f;
    private const float RedFromV = 1.596027f;
    private const float GreenFromU = 0.391762f;
    private const float GreenFromV = 0.812968f;
    private const float BlueFromU = 2.017232f;

    /// <summary>Unclamped RGB (0–255 scale) of one luma and chroma sample, which may be interpolated.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static (float R, float G, float B) ToRgb(float y, float u, float v)
    {
        var c = LumaScale * (y - 16f);
        var d = u - 128f;
        var e = v - 128f;
        return (c + (RedFromV * e), c - (GreenFromU * d) - (GreenFromV * e), c + (BlueFromU * d));
    }

    /// <summary><see cref="ToRgb(float, float, float)"/> of eight samples, lane by lane in the same order (the same floats).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static (Vector256<float> R, Vector256<float> G, Vector256<float> B) ToRgb(Vector256<float> y, Vector256<float> u, Vector256<float> v)
    {
        var c = Vector256.Create(LumaScale) * (y - Vector256.Create(16f));
        var d = u - Vector256.Create(128f);
        var e = v - Vector256.Create(128f);
        return (c + (Vector256.Create(RedFromV) * e), c - (Vector256.Create(GreenFromU) * d) - (Vector256.Create(GreenFromV) * e), c + (Vector256.Create(BlueFromU) * d));
    }

    /// <summary><see cref="Clamp"/> then <see cref="ToByte"/> of eight channels, as integers 0–255. The channels must not
    /// be NaN (the native min and max would read one as a bound, where <see cref="Clamp"/> keeps it).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<int> ToBytes(Vector256<float> value) =>
        Vector256.ConvertToInt32(Vector256.MinNative(Vector256.MaxNative(value, Vector256<float>.Zero), Vector256.Create(255f)) + Vector256.Create(0.5f));

    /// <summary>Rounds and clamps a channel to a byte.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static byte ToByte(float value) => (byte)Math.Clamp((int)(value + 0.5f), 0, 255);

    /// <summary>Clamps a channel to the displayable range, as a byte picture would hold it.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Clamp(float value) => value < 0f ? 0f : value > 255f ? 255f : value;
}
