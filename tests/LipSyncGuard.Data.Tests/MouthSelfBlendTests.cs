using LipSyncGuard.Testing;
using Xunit;

namespace LipSyncGuard.Data.Tests;

public sealed class MouthSelfBlendTests
{
    private const int Size = 96;

    private static MouthSelfBlend.Recipe Box(int sharpen, double downscale) => new(
        Downscale: downscale, Sharpen: sharpen, Sigma: 1, Amount: 2, Gain: 1, Brightness: 0, Contrast: 1,
        ShiftX: 0, ShiftY: 0, Zoom: 1, Shape: 0, CenterY: 0.55, Width: 0.5, Height: 0.4, Feather: 0.02, OtherFrame: false);

    private static double MeanAbsDiff(byte[] a, byte[] b, Func<int, int, bool> where)
    {
        double sum = 0;
        var n = 0;
        for (var y = 0; y < Size; y++)
            for (var x = 0; x < Size; x++)
            {
                if (!where(x, y)) continue;
                for (var c = 0; c < 3; c++) sum += Math.Abs(a[(((y * Size) + x) * 3) + c] - b[(((y * Size) + x) * 3) + c]);
                n += 3;
            }
        return sum / n;
    }

    private static double Detail(byte[] crop, Func<int, int, bool> where)
    {
        // Mean absolute horizontal gradient of green: fine detail.
        double sum = 0;
        var n = 0;
        for (var y = 0; y < Size; y++)
            for (var x = 1; x < Size; x++)
                if (where(x, y))
                {
                    sum += Math.Abs(crop[(((y * Size) + x) * 3) + 1] - crop[(((y * Size) + x - 1) * 3) + 1]);
                    n++;
                }
        return sum / n;
    }

    private static bool Inside(int x, int y) => Math.Abs(x - 48) < 18 && Math.Abs(y - 53) < 12;

    private static bool Outside(int x, int y) => y < 20 || y > 85 || x < 15 || x > 80;

    [Fact]
    public void Blend_DownscaledMouthInABox_SofterInsideAndUntouchedOutside()
    {
        var crop = SampleFrames.MouthCrop("real_vox2_00015.mp4", 1.0);
        var blended = new byte[crop.Length];

        MouthSelfBlend.Blend(crop, crop, Size, Box(sharpen: 0, downscale: 4), blended);

        Assert.Equal(0, MeanAbsDiff(crop, blended, Outside));
        Assert.True(Detail(blended, Inside) < 0.8 * Detail(crop, Inside), $"detail {Detail(blended, Inside):0.00} vs {Detail(crop, Inside):0.00}");
    }

    [Fact]
    public void Blend_OverSharpenedMouth_MoreDetailInsideThanTheOriginal()
    {
        var crop = SampleFrames.MouthCrop("real_vox2_00015.mp4", 1.0);
        var blended = new byte[crop.Length];

        MouthSelfBlend.Blend(crop, crop, Size, Box(sharpen: 3, downscale: 1), blended);

        Assert.True(Detail(blended, Inside) > 1.3 * Detail(crop, Inside), $"detail {Detail(blended, Inside):0.00} vs {Detail(crop, Inside):0.00}");
        Assert.Equal(0, MeanAbsDiff(crop, blended, Outside));
    }

    [Fact]
    public void Apply_SameSeed_SameFramesAndPerFrameRecipesVary()
    {
        byte[][] original = [.. Enumerable.Range(0, 6).Select(i => SampleFrames.MouthCrop("real_vox2_00015.mp4", 1.0 + (0.2 * i)))];
        byte[][] a = [.. original.Select(f => (byte[])f.Clone())];
        byte[][] b = [.. original.Select(f => (byte[])f.Clone())];

        new MouthSelfBlend(11).Apply(a, Size, perFrame: true);
        new MouthSelfBlend(11).Apply(b, Size, perFrame: true);

        Assert.Equal(a, b);
        var changes = Enumerable.Range(0, 6).Select(i => MeanAbsDiff(original[i], a[i], (_, _) => true)).ToList();
        Assert.True(changes.Distinct().Count() > 1 && changes.All(c => c > 0), string.Join(", ", changes));
    }
}
