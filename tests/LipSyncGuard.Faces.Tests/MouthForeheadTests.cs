using LipSyncGuard.Media;
using LipSyncGuard.Testing;
using Xunit;

namespace LipSyncGuard.Faces.Tests;

/// <summary>The mouth's detail against the forehead's on real frames of the bundled 512 px head-and-shoulders clip
/// (samples/fake_wav2liphq_haroon.mp4), and on the same mouth crops scaled up from fewer pixels or sharpened, the two ways
/// a pasted-in mouth departs from the filmed forehead.</summary>
public sealed class MouthForeheadTests(DetectorFixture fixture) : IClassFixture<DetectorFixture>
{
    private const int Size = 96;
    private const int Frames = 12;

    private async Task<List<(byte[] Mouth, byte[] Forehead)>> RealPairsAsync()
    {
        var cropper = new MouthCropper(new MouthCropOptions { Size = Size });
        var pairs = new List<(byte[], byte[])>();
        await foreach (var frame in new VideoDecoder().DecodeAsync(Path.Combine(SharedMedia.RepositoryRoot, "samples", "fake_wav2liphq_haroon.mp4")))
        {
            using (frame)
            {
                if (pairs.Count == Frames) continue;
                var face = fixture.Default.Detect(ImageView.Of(frame)).MaxBy(f => f.Score)!;
                var forehead = cropper.Forehead(ImageView.Of(frame), face.Box, face.Keypoints);
                Assert.NotNull(forehead);
                pairs.Add((cropper.Crop(ImageView.Of(frame), face.Box, face.Keypoints).Image.Pixels.ToArray(), forehead.Image.Pixels.ToArray()));
            }
        }
        Assert.Equal(Frames, pairs.Count);
        return pairs;
    }

    /// <summary>The crop averaged over 3×3 blocks and scaled back up bilinearly: a mouth rendered at a third of the pixels.</summary>
    private static byte[] ScaledUpFromAThird(byte[] rgb)
    {
        const int small = Size / 3;
        var low = new float[small * small * 3];
        for (var y = 0; y < Size; y++)
            for (var x = 0; x < Size; x++)
                for (var c = 0; c < 3; c++) low[(((y / 3 * small) + (x / 3)) * 3) + c] += rgb[(((y * Size) + x) * 3) + c] / 9f;
        var result = new byte[rgb.Length];
        for (var y = 0; y < Size; y++)
        {
            var sy = Math.Clamp(((y + 0.5f) / 3) - 0.5f, 0, small - 1);
            int y0 = (int)sy, y1 = Math.Min(y0 + 1, small - 1);
            for (var x = 0; x < Size; x++)
            {
                var sx = Math.Clamp(((x + 0.5f) / 3) - 0.5f, 0, small - 1);
                int x0 = (int)sx, x1 = Math.Min(x0 + 1, small - 1);
                for (var c = 0; c < 3; c++)
                {
                    float At(int yy, int xx) => low[(((yy * small) + xx) * 3) + c];
                    var top = At(y0, x0) + ((At(y0, x1) - At(y0, x0)) * (sx - x0));
                    var bottom = At(y1, x0) + ((At(y1, x1) - At(y1, x0)) * (sx - x0));
                    result[(((y * Size) + x) * 3) + c] = (byte)Math.Round(top + ((bottom - top) * (sy - y0)));
                }
            }
        }
        return result;
    }

    /// <summary>An unsharp mask (the crop plus its difference from a 3×3 mean): a face restorer's crisper mouth.</summary>
    private static byte[] Sharpened(byte[] rgb)
    {
        var result = (byte[])rgb.Clone();
        for (var y = 1; y < Size - 1; y++)
        {
            for (var x = 1; x < Size - 1; x++)
            {
                for (var c = 0; c < 3; c++)
                {
                    var sum = 0;
                    for (var dy = -1; dy <= 1; dy++)
                        for (var dx = -1; dx <= 1; dx++) sum += rgb[((((y + dy) * Size) + x + dx) * 3) + c];
                    var v = rgb[(((y * Size) + x) * 3) + c];
                    result[(((y * Size) + x) * 3) + c] = (byte)Math.Clamp(v + (1.5 * (v - (sum / 9.0))), 0, 255);
                }
            }
        }
        return result;
    }

    private static double Median(IEnumerable<float> values)
    {
        var sorted = values.Order().ToArray();
        return sorted[sorted.Length / 2];
    }

    [Fact]
    public async Task Contrast_MouthScaledUpFromFewerPixels_FallsBelowTheFilmedMouths()
    {
        var pairs = await RealPairsAsync();

        var filmed = Median(pairs.Select(p => MouthForehead.Contrast(p.Mouth, p.Forehead, Size)));
        var pasted = Median(pairs.Select(p => MouthForehead.Contrast(ScaledUpFromAThird(p.Mouth), p.Forehead, Size)));

        Assert.True(pasted < filmed - 0.4, $"contrast {filmed:0.00} → {pasted:0.00}");
    }

    [Fact]
    public async Task Contrast_MouthSharpened_RisesAboveTheFilmedMouths()
    {
        var pairs = await RealPairsAsync();

        var filmed = Median(pairs.Select(p => MouthForehead.Contrast(p.Mouth, p.Forehead, Size)));
        var restored = Median(pairs.Select(p => MouthForehead.Contrast(Sharpened(p.Mouth), p.Forehead, Size)));

        Assert.True(restored > filmed + 0.5, $"contrast {filmed:0.00} → {restored:0.00}");
    }

    [Fact]
    public async Task Contrast_SameCropBothSides_Zero()
    {
        var (mouth, _) = (await RealPairsAsync())[0];

        Assert.Equal(0f, MouthForehead.Contrast(mouth, mouth, Size), 1e-6f);
    }

    [Fact]
    public void Contrast_WrongLength_Throws()
    {
        Assert.Throws<ArgumentException>(() => MouthForehead.Contrast(new byte[Size * Size * 3], new byte[(Size * Size * 3) - 1], Size));
    }
}
