using LipSyncGuard.Faces;
using LipSyncGuard.Sync.Extraction;

namespace LipSyncGuard.Analysis;

/// <summary>Face thumbnails as PNG data URLs, small enough to travel inside the JSON result.</summary>
internal static class Thumbnails
{
    public static string? DataUrl(TrackSignals track)
    {
        if (track.Thumbnail is null) return null;
        var png = ImageWriter.EncodePng(new RgbImage(track.Thumbnail, track.ThumbnailSize, track.ThumbnailSize));
        return "data:image/png;base64," + Convert.ToBase64String(png);
    }
}
