using LipSyncGuard.Audio;

namespace LipSyncGuard.Sync.Extraction;

/// <summary>Log-mel on the video clock: video frame k gets the mean of mel frames 4k…4k+3 (100 mel frames/s, 25 video
/// frames/s), with neighbouring mel bins averaged in pairs (80 → 40) — enough spectral detail for mouth shapes, half
/// the regression weights.</summary>
public static class FrameAudioFeatures
{
    /// <summary>Mel bins averaged into one feature.</summary>
    public const int BinPooling = 2;

    /// <summary>Features per frame for <paramref name="mel"/>.</summary>
    public static int Width(MelSpectrogram mel)
    {
        ArgumentNullException.ThrowIfNull(mel);
        return mel.BinCount / BinPooling;
    }

    /// <summary>Features for <paramref name="frameCount"/> video frames at <paramref name="fps"/>; frames past the end of
    /// the audio get the quietest value of the clip (silence), not zeros (which log-mel would read as loud).</summary>
    public static float[] Compute(MelSpectrogram mel, int frameCount, double fps = 25)
    {
        ArgumentNullException.ThrowIfNull(mel);
        var width = Width(mel);
        var perFrame = mel.FramesPerSecond / fps;
        var values = mel.Values;
        var floor = float.MaxValue;
        foreach (var v in values) floor = Math.Min(floor, v);
        if (values.Length == 0) floor = 0;
        var result = new float[frameCount * width];
        for (var k = 0; k < frameCount; k++)
        {
            var first = (int)Math.Round(k * perFrame);
            var last = (int)Math.Round((k + 1) * perFrame);
            var row = result.AsSpan(k * width, width);
            var n = 0;
            for (var m = first; m < last && m < mel.FrameCount; m++)
            {
                var melRow = mel.Frame(m);
                for (var b = 0; b < width; b++)
                {
                    var sum = 0f;
                    for (var p = 0; p < BinPooling; p++) sum += melRow[(b * BinPooling) + p];
                    row[b] += sum / BinPooling;
                }
                n++;
            }
            if (n == 0) row.Fill(floor);
            else for (var b = 0; b < width; b++) row[b] /= n;
        }
        return result;
    }
}
