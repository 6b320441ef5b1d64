using LipSyncGuard.Detection.Cues;
using Xunit;

namespace LipSyncGuard.Detection.Tests;

public sealed class MouthConsistencyTests
{
    private const int Size = 48;

    /// <summary>Crops whose mouth opening follows a repeating shape sequence; the mouth interior is a fixed teeth pattern
    /// (real) or a pattern drawn afresh every frame (a generator's drift), the skin around it the same in both.</summary>
    private static (byte[] Crops, float[] Lips, bool[] Valid) Clip(bool redrawInterior, int frames = 200)
    {
        var random = new Random(3);
        var teeth = Enumerable.Range(0, Size * Size).Select(_ => (byte)random.Next(150, 255)).ToArray();
        var crops = new byte[frames * Size * Size * 3];
        var lips = new float[frames * 6];
        for (var t = 0; t < frames; t++)
        {
            var open = (t % 20) / 20.0;
            for (var c = 0; c < 6; c++) lips[(t * 6) + c] = (float)(0.1 + (0.1 * open * (c + 1)));
            var interior = redrawInterior ? Enumerable.Range(0, Size * Size).Select(_ => (byte)random.Next(150, 255)).ToArray() : teeth;
            var half = (int)(2 + (open * 8));
            for (var y = 0; y < Size; y++)
            {
                for (var x = 0; x < Size; x++)
                {
                    var inMouth = Math.Abs(y - (Size / 2)) < half && Math.Abs(x - (Size / 2)) < 10;
                    var skin = (byte)(120 + ((x + y) % 7) + random.Next(0, 3));
                    var v = inMouth ? interior[(y * Size) + x] : skin;
                    var i = ((t * Size * Size) + (y * Size) + x) * 3;
                    crops[i] = crops[i + 1] = crops[i + 2] = v;
                }
            }
        }
        return (crops, lips, Enumerable.Repeat(true, frames).ToArray());
    }

    [Fact]
    public void Measure_InteriorRedrawnEachFrame_LessConsistentThanFixedTeeth()
    {
        var (realCrops, realLips, valid) = Clip(redrawInterior: false);
        var (fakeCrops, fakeLips, _) = Clip(redrawInterior: true);

        var real = MouthConsistency.Measure(realCrops, Size, realLips, 6, valid);
        var fake = MouthConsistency.Measure(fakeCrops, Size, fakeLips, 6, valid);

        Assert.True(real.Pairs >= 50, $"pairs {real.Pairs}");
        Assert.True(fake.Median > real.Median + 0.5, $"fake {fake.Median:0.00} vs real {real.Median:0.00}");
    }

    [Fact]
    public void Measure_TooShortTrack_NoPairs()
    {
        var (crops, lips, valid) = Clip(redrawInterior: false, frames: 20);

        Assert.Equal(0, MouthConsistency.Measure(crops, Size, lips, 6, valid).Pairs);
    }
}
