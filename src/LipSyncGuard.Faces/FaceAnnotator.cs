using System.Numerics;

namespace LipSyncGuard.Faces;

/// <summary>Draws what was found onto RGB pictures: boxes (selected tracks green, others amber), the six keypoints
/// and track ids; and lays mouth crops out as a contact sheet. Pure pixel code, so it runs per video frame cheaply.</summary>
public static class FaceAnnotator
{
    private static readonly (byte R, byte G, byte B) Selected = (40, 220, 60);
    private static readonly (byte R, byte G, byte B) Other = (255, 176, 0);
    private static readonly (byte R, byte G, byte B)[] KeypointColors =
        [(255, 60, 60), (60, 120, 255), (255, 255, 255), (255, 0, 255), (255, 140, 0), (0, 220, 255)];

    /// <summary>Draws <paramref name="faces"/> onto <paramref name="image"/> in place.</summary>
    public static void Draw(RgbImage image, IReadOnlyList<TrackSnapshot> faces, IReadOnlySet<int> selectedIds)
    {
        ArgumentNullException.ThrowIfNull(image);
        ArgumentNullException.ThrowIfNull(faces);
        ArgumentNullException.ThrowIfNull(selectedIds);
        var thickness = Math.Max(2, Math.Min(image.Width, image.Height) / 300);
        foreach (var (id, face) in faces)
        {
            var color = selectedIds.Contains(id) ? Selected : Other;
            // Interpolated frames get a thin box, so a viewer can tell carried boxes from detections.
            var t = face.Detected ? thickness : Math.Max(1, thickness / 2);
            Rectangle(image, face.Box, t, color);
            var points = face.Keypoints.Points;
            for (var k = 0; k < points.Length; k++) Dot(image, points[k], thickness + 1, KeypointColors[k]);
            var scale = Math.Max(2, (int)(face.Box.Width / 40));
            Text(image, $"#{id} {face.Score:0.00}", (int)face.Box.X, (int)face.Box.Y - ((PixelFont.GlyphHeight + 2) * scale), scale, color);
        }
    }

    /// <summary>Draws 68 landmark points (lips highlighted) onto <paramref name="image"/> in place.</summary>
    public static void DrawLandmarks(RgbImage image, ReadOnlySpan<Vector2> points)
    {
        ArgumentNullException.ThrowIfNull(image);
        var size = Math.Max(1, Math.Min(image.Width, image.Height) / 400);
        for (var i = 0; i < points.Length; i++)
        {
            // Lips (48–67) in magenta: the points sync is measured on.
            Dot(image, points[i], size, i >= 48 ? ((byte)255, (byte)0, (byte)255) : ((byte)0, (byte)255, (byte)255));
        }
    }

    /// <summary>Lays <paramref name="crops"/> out in a grid of <paramref name="columns"/>, each labelled with its frame
    /// index from <paramref name="labels"/>; fallback crops get a red frame.</summary>
    public static RgbImage ContactSheet(IReadOnlyList<MouthCrop> crops, IReadOnlyList<long> labels, int columns = 8)
    {
        ArgumentNullException.ThrowIfNull(crops);
        ArgumentNullException.ThrowIfNull(labels);
        if (crops.Count == 0) throw new ArgumentException("no crops to lay out", nameof(crops));
        ArgumentOutOfRangeException.ThrowIfLessThan(columns, 1);
        var size = crops[0].Image.Width;
        const int gap = 4;
        var cols = Math.Min(columns, crops.Count);
        var rows = (crops.Count + cols - 1) / cols;
        var sheet = new RgbImage((cols * (size + gap)) + gap, (rows * (size + gap)) + gap);
        sheet.Pixels.AsSpan().Fill(32);
        for (var i = 0; i < crops.Count; i++)
        {
            var x0 = gap + ((i % cols) * (size + gap));
            var y0 = gap + ((i / cols) * (size + gap));
            var crop = crops[i].Image;
            for (var y = 0; y < crop.Height; y++)
            {
                crop.Pixels.AsSpan(y * crop.Width * 3, crop.Width * 3).CopyTo(sheet.Pixels.AsSpan((((y0 + y) * sheet.Width) + x0) * 3));
            }
            if (crops[i].Fallback) Rectangle(sheet, new FaceBox(x0, y0, size, size), 2, (255, 40, 40));
            if (i < labels.Count) Text(sheet, labels[i].ToString(System.Globalization.CultureInfo.InvariantCulture), x0 + 2, y0 + 2, 2, (255, 255, 255));
        }
        return sheet;
    }

    private static void Rectangle(RgbImage image, FaceBox box, int thickness, (byte R, byte G, byte B) color)
    {
        int x0 = (int)box.X, y0 = (int)box.Y, x1 = (int)box.Right, y1 = (int)box.Bottom;
        Fill(image, x0, y0, x1, y0 + thickness, color);
        Fill(image, x0, y1 - thickness, x1, y1, color);
        Fill(image, x0, y0, x0 + thickness, y1, color);
        Fill(image, x1 - thickness, y0, x1, y1, color);
    }

    private static void Dot(RgbImage image, Vector2 p, int radius, (byte R, byte G, byte B) color) =>
        Fill(image, (int)p.X - radius, (int)p.Y - radius, (int)p.X + radius, (int)p.Y + radius, color);

    private static void Text(RgbImage image, string text, int x, int y, int scale, (byte R, byte G, byte B) color)
    {
        y = Math.Max(0, y);
        for (var i = 0; i < text.Length; i++)
        {
            var gx = x + (i * (PixelFont.GlyphWidth + 1) * scale);
            for (var row = 0; row < PixelFont.GlyphHeight; row++)
            {
                for (var col = 0; col < PixelFont.GlyphWidth; col++)
                {
                    if (PixelFont.IsSet(text[i], col, row)) Fill(image, gx + (col * scale), y + (row * scale), gx + ((col + 1) * scale), y + ((row + 1) * scale), color);
                }
            }
        }
    }

    /// <summary>Fills [x0, x1) × [y0, y1), clipped to the image.</summary>
    private static void Fill(RgbImage image, int x0, int y0, int x1, int y1, (byte R, byte G, byte B) color)
    {
        x0 = Math.Max(0, x0);
        y0 = Math.Max(0, y0);
        x1 = Math.Min(image.Width, x1);
        y1 = Math.Min(image.Height, y1);
        var p = image.Pixels;
        for (var y = y0; y < y1; y++)
        {
            var o = ((y * image.Width) + x0) * 3;
            for (var x = x0; x < x1; x++, o += 3)
            {
                p[o] = color.R;
                p[o + 1] = color.G;
                p[o + 2] = color.B;
            }
        }
    }
}
