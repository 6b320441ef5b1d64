using System.Buffers;

namespace LipSyncGuard.Faces;

/// <summary>How much fine detail the mouth crop holds against a crop of the forehead cut at the same scale
/// (<see cref="MouthCropper.Forehead"/>). A lip-sync generator repaints the lower face — at 96 px for Wav2Lip, from a
/// 256 px face for most others — and pastes it back below the eyes; the forehead stays as filmed, with the camera's own
/// detail and noise. Both crops come from the same frame at the same scale, so blur or scaling of the whole video moves
/// both alike; heavy compression does not quite (it strips a smooth forehead's fine detail sooner than a mouth's: the 360p
/// audit in docs/training.md), and what a face holds there (hair, wrinkles, a beard) moves it per person, which is why the
/// verdict reads it against the spread of filmed faces, beside other traces, not alone.</summary>
public static class MouthForehead
{
    /// <summary>log((mouth detail + 1) / (forehead detail + 1)), detail being the mean squared 4-neighbour Laplacian of the
    /// crop's luma: negative when the mouth is softer than the forehead.</summary>
    public static float Contrast(ReadOnlySpan<byte> mouth, ReadOnlySpan<byte> forehead, int size)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(size, 3);
        var pixels = size * size;
        if (mouth.Length != pixels * 3 || forehead.Length != pixels * 3) throw new ArgumentException($"expected two {size}×{size} RGB crops");
        var grey = ArrayPool<float>.Shared.Rent(pixels);
        try
        {
            MouthTexture.ToGrey(mouth, grey.AsSpan(0, pixels));
            var inMouth = MouthTexture.Detail(grey, size);
            MouthTexture.ToGrey(forehead, grey.AsSpan(0, pixels));
            return (float)Math.Log((inMouth + 1) / (MouthTexture.Detail(grey, size) + 1));
        }
        finally
        {
            ArrayPool<float>.Shared.Return(grey);
        }
    }
}
