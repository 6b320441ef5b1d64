using LipSyncGuard.Faces;
using LipSyncGuard.Sync.Extraction;

namespace LipSyncGuard.Analysis;

/// <summary>A few mouth crops of a window side by side, as a PNG data URL a person can look at.</summary>
internal static class MouthStrips
{
    /// <summary>Crops per strip: enough to see a mouth open and close within a second.</summary>
    private const int Frames = 6;

    /// <summary>Crops are shown at this side (the detector's 96 px halved: a strip stays small inside the JSON).</summary>
    private const int Side = 64;

    /// <summary>The strip of frames [<paramref name="from"/>, <paramref name="to"/>) of <paramref name="track"/>, or null
    /// when the track kept no crops there.</summary>
    public static string? DataUrl(TrackSignals track, int from, int to)
    {
        var size = track.CropSize;
        if (size == 0 || from >= track.CropFrames) return null;
        to = Math.Min(to, track.CropFrames);
        var crop = new byte[size * size * 3];
        var strip = new byte[Frames * Side * Side * 3];
        var stripWidth = Frames * Side;
        for (var k = 0; k < Frames; k++)
        {
            var frame = from + (int)((k + 0.5) * (to - from) / Frames);
            track.ReadCrops(frame, 1, crop);
            for (var y = 0; y < Side; y++)
            {
                var sy = y * size / Side;
                for (var x = 0; x < Side; x++)
                {
                    var sx = x * size / Side;
                    crop.AsSpan(((sy * size) + sx) * 3, 3).CopyTo(strip.AsSpan(((y * stripWidth) + (k * Side) + x) * 3, 3));
                }
            }
        }
        return "data:image/png;base64," + Convert.ToBase64String(ImageWriter.EncodePng(new RgbImage(strip, stripWidth, Side)));
    }
}
