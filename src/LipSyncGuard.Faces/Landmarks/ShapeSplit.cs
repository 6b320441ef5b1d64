using System.Runtime.InteropServices;

namespace LipSyncGuard.Faces.Landmarks;

/// <summary>One split node: go left when pixel[<see cref="Index1"/>] − pixel[<see cref="Index2"/>] &gt;
/// <see cref="Threshold"/> (dlib's rule, strict).</summary>
[StructLayout(LayoutKind.Sequential, Pack = 4)]
internal readonly record struct ShapeSplit(ushort Index1, ushort Index2, float Threshold);
