using System.Globalization;
using LipSyncGuard.Media;
using LipSyncGuard.Testing;
using Xunit;

namespace LipSyncGuard.Audio.Tests;

/// <summary>Frame k of 25 fps video ↔ mel frames 4k…4k+3, through the real decode path (h264 + AAC in mp4).</summary>
public sealed class AvAlignmentTests
{
    private const int FlashFrame = 13;

    [Theory]
    [InlineData(0)]
    [InlineData(10)]
    [InlineData(20)]
    [InlineData(30)]
    public async Task Compute_ClickInsideFlashedVideoFrame_PeaksInThatFramesMelFrames(int msIntoFrame)
    {
        using var dir = new TempDir("lsg-align-");
        var path = dir.File("flash-click.mp4");
        var click = (FlashFrame * 40 + msIntoFrame) / 1000.0;
        var inv = CultureInfo.InvariantCulture;
        // A white flash on video frame k and a 1 ms click in the audio at k × 40 ms + offset, from the same clock.
        Ffmpeg.Run("-f", "lavfi", "-i", $"color=c=black:s=64x64:r=25:d=2,drawbox=c=white:t=fill:enable='eq(n,{FlashFrame})'",
            "-f", "lavfi", "-i", string.Format(inv, "aevalsrc=exprs='0.9*lt(abs(t-{0:0.######}),0.0005)':s=16000:d=2", click),
            "-c:v", "libx264", "-pix_fmt", "yuv420p", "-c:a", "aac", "-b:a", "128k", "-shortest", path);

        var flash = await BrightestFrameAsync(path);
        var audio = await new AudioDecoder().DecodeAsync(path);
        var mel = new LogMelSpectrogram().Compute(audio);
        var peak = LoudestFrame(mel);

        Assert.Equal(FlashFrame, flash);
        var first = mel.FirstFrameOfVideoFrame(flash);
        Assert.InRange(peak, first, first + 3);
        Assert.Equal(first + msIntoFrame / 10, peak);
    }

    private static async Task<int> BrightestFrameAsync(string path)
    {
        var (best, bestSum) = (-1, -1L);
        await foreach (var frame in new VideoDecoder().DecodeAsync(path))
        {
            using (frame)
            {
                long sum = 0;
                foreach (var b in frame.Pixels) sum += b;
                if (sum > bestSum) (best, bestSum) = ((int)frame.Index, sum);
            }
        }
        return best;
    }

    private static int LoudestFrame(MelSpectrogram mel)
    {
        var (best, bestEnergy) = (-1, double.MinValue);
        for (var t = 0; t < mel.FrameCount; t++)
        {
            double energy = 0;
            foreach (var v in mel.Frame(t)) energy += Math.Exp(v);
            if (energy > bestEnergy) (best, bestEnergy) = (t, energy);
        }
        return best;
    }
}
