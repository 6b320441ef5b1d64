using System.Globalization;
using LipSyncGuard.Testing;

namespace LipSyncGuard.Data.Tests;

/// <summary>A synthetic clip whose white video flash and 1 kHz audio click coincide at one frame, and helpers to find
/// both peaks in a window: the fixture that proves the frame k ↔ mel 4k…4k+3 alignment.</summary>
internal static class FlashClickClip
{
    /// <summary>The default flashing frame (1.2 s at 25 fps).</summary>
    public const int FlashFrame = 30;

    /// <summary>Writes a 3 s 160×120 clip (h264 + PCM 16 kHz in Matroska) flashing at <paramref name="flashFrame"/> to <paramref name="path"/>.</summary>
    public static string Create(string path, int flashFrame = FlashFrame)
    {
        var t0 = (flashFrame / 25.0).ToString("0.###", CultureInfo.InvariantCulture);
        var t1 = ((flashFrame + 0.5) / 25.0).ToString("0.###", CultureInfo.InvariantCulture);
        Ffmpeg.Run(
            "-f", "lavfi", "-i", $"color=c=0x202020:s=160x120:r=25:d=3,drawbox=x=0:y=0:w=iw:h=ih:color=white:t=fill:enable='eq(n,{flashFrame})'",
            "-f", "lavfi", "-i", $"aevalsrc='if(between(t,{t0},{t1}),0.8*sin(2*PI*1000*t),0.001*sin(2*PI*150*t))':s=16000:d=3",
            "-c:v", "libx264", "-preset", "veryfast", "-pix_fmt", "yuv420p", "-c:a", "pcm_s16le", "-shortest", path);
        return path;
    }

    /// <summary>The window frame with the brightest crop.</summary>
    public static int BrightestFrame(SampleWindow window)
    {
        var bytes = window.CropSize * window.CropSize * 3;
        var best = (Frame: -1, Mean: double.MinValue);
        for (var t = 0; t < window.Frames; t++)
        {
            long sum = 0;
            foreach (var b in window.Crops.AsSpan(t * bytes, bytes)) sum += b;
            var mean = (double)sum / bytes;
            if (mean > best.Mean) best = (t, mean);
        }
        return best.Frame;
    }

    /// <summary>The window mel row with the most energy (largest mean log-mel).</summary>
    public static int LoudestMelRow(SampleWindow window)
    {
        var best = (Row: -1, Mean: double.MinValue);
        for (var m = 0; m < window.Frames * SampleWindow.MelPerFrame; m++)
        {
            double sum = 0;
            foreach (var v in window.Mel.AsSpan(m * window.MelBins, window.MelBins)) sum += v;
            if (sum > best.Mean) best = (m, sum);
        }
        return best.Row;
    }
}
