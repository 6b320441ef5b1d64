using System.Runtime.InteropServices;

namespace LipSyncGuard.Audio.Tests;

/// <summary>The committed fixtures in Fixtures/ (made by Fixtures/make_mel_reference.py).</summary>
internal static class Fixture
{
    public const string MelInput = "mel_input.f32";
    public const string MelReflect = "mel_reflect.f32";
    public const string MelZero = "mel_zero.f32";

    /// <summary>A float32 little-endian file from Fixtures/.</summary>
    public static float[] ReadFloats(string name) =>
        MemoryMarshal.Cast<byte, float>(File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Fixtures", name))).ToArray();
}
