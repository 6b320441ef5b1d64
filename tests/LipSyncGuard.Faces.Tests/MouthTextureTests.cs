using LipSyncGuard.Media;
using LipSyncGuard.Testing;
using Xunit;

namespace LipSyncGuard.Faces.Tests;

/// <summary>The texture cues on real mouth crops of the bundled talking head (samples/real_vox2_00015.mp4), and on the
/// same crops with the mouth box edited the way generators leave it.</summary>
public sealed class MouthTextureTests(DetectorFixture fixture) : IClassFixture<DetectorFixture>
{
    private const int Size = 96;
    private const int Frames = 40;
    private static readonly (int From, int To) InnerRows = ((int)(0.30 * Size), (int)(0.70 * Size));
    private static readonly (int From, int To) InnerColumns = ((int)(0.28 * Size) + 1, (int)(0.72 * Size));

    /// <summary>40 mouth crops (96 px RGB) of the bundled real sample, from BlazeFace boxes and keypoints.</summary>
    private async Task<byte[]> RealCropsAsync()
    {
        var crops = new byte[Frames * Size * Size * 3];
        var cropper = new MouthCropper(new MouthCropOptions { Size = Size });
        var n = 0;
        await foreach (var frame in new VideoDecoder().DecodeAsync(Path.Combine(SharedMedia.RepositoryRoot, "samples", "real_vox2_00015.mp4")))
        {
            using (frame)
            {
                if (n == Frames) continue;
                var face = fixture.Default.Detect(ImageView.Of(frame)).MaxBy(f => f.Score)!;
                var crop = cropper.Crop(ImageView.Of(frame), face.Box, face.Keypoints);
                crop.Image.Pixels.AsSpan(0, Size * Size * 3).CopyTo(crops.AsSpan(n++ * Size * Size * 3));
            }
        }
        Assert.Equal(Frames, n);
        return crops;
    }

    /// <summary>Rewrites every crop's mouth box pixel by pixel (frame, row, column, channel).</summary>
    private static void EditMouth(byte[] crops, Func<int, int, int, int, byte> pixel)
    {
        for (var f = 0; f < Frames; f++)
        {
            for (var y = InnerRows.From; y < InnerRows.To; y++)
            {
                for (var x = InnerColumns.From; x < InnerColumns.To; x++)
                {
                    for (var c = 0; c < 3; c++) crops[(((f * Size) + y) * Size + x) * 3 + c] = pixel(f, y, x, c);
                }
            }
        }
    }

    private static bool[] AllValid() => [.. Enumerable.Repeat(true, Frames)];

    [Fact]
    public async Task Measure_RealTalkingHead_MouthBusierThanItsSurround()
    {
        var stats = MouthTexture.Measure(await RealCropsAsync(), Size, AllValid());

        Assert.Equal(Frames, stats.Frames);
        // Lips, teeth and the dark inner mouth hold more edges and more change than cheeks and chin.
        Assert.True(stats.Sharpness > 0, $"sharpness ratio {stats.Sharpness:0.00}");
        Assert.True(stats.Motion > 0, $"motion ratio {stats.Motion:0.00}");
    }

    [Fact]
    public async Task Measure_MouthBlurred_SharpnessDropsMotionKept()
    {
        var crops = await RealCropsAsync();
        var before = MouthTexture.Measure(crops, Size, AllValid());
        var original = (byte[])crops.Clone();

        // A 5×5 box blur inside the mouth box only: a repainted, softer mouth on untouched skin.
        EditMouth(crops, (f, y, x, c) =>
        {
            var sum = 0;
            for (var dy = -2; dy <= 2; dy++)
                for (var dx = -2; dx <= 2; dx++) sum += original[(((f * Size) + y + dy) * Size + x + dx) * 3 + c];
            return (byte)(sum / 25);
        });
        var after = MouthTexture.Measure(crops, Size, AllValid());

        Assert.True(after.Sharpness < before.Sharpness - 0.5, $"sharpness {before.Sharpness:0.00} → {after.Sharpness:0.00}");
        Assert.True(after.Motion > before.Motion - 0.5, $"motion {before.Motion:0.00} → {after.Motion:0.00}");
    }

    [Fact]
    public async Task Measure_MouthFrozen_MotionDrops()
    {
        var crops = await RealCropsAsync();
        var before = MouthTexture.Measure(crops, Size, AllValid());
        var first = (byte[])crops.Clone();

        EditMouth(crops, (_, y, x, c) => first[((y * Size) + x) * 3 + c]);
        var after = MouthTexture.Measure(crops, Size, AllValid());

        Assert.True(after.Motion < before.Motion - 1, $"motion {before.Motion:0.00} → {after.Motion:0.00}");
    }

    [Fact]
    public async Task Measure_UntrustedFrames_Skipped()
    {
        var crops = await RealCropsAsync();
        var valid = AllValid();
        for (var f = 0; f < Frames; f += 2) valid[f] = false;

        Assert.Equal(Frames / 2, MouthTexture.Measure(crops, Size, valid).Frames);
        Assert.Equal(0, MouthTexture.Measure(crops, Size, new bool[Frames]).Frames);
    }

    [Fact]
    public void Measure_WrongLength_Throws()
    {
        Assert.Throws<ArgumentException>(() => MouthTexture.Measure(new byte[(Size * Size * 3) + 1], Size, [true]));
    }
}
