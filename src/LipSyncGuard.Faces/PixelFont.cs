namespace LipSyncGuard.Faces;

/// <summary>A 3×5 bitmap font for digits, '#' and '.', so labels draw identically on every machine without a font
/// library (SkiaSharp's no-dependency build has no system fonts).</summary>
internal static class PixelFont
{
    public const int GlyphWidth = 3;
    public const int GlyphHeight = 5;

    // Each glyph: 5 rows of 3 bits, most significant bit leftmost.
    private static readonly Dictionary<char, byte[]> Glyphs = new()
    {
        ['0'] = [7, 5, 5, 5, 7],
        ['1'] = [2, 6, 2, 2, 7],
        ['2'] = [7, 1, 7, 4, 7],
        ['3'] = [7, 1, 7, 1, 7],
        ['4'] = [5, 5, 7, 1, 1],
        ['5'] = [7, 4, 7, 1, 7],
        ['6'] = [7, 4, 7, 5, 7],
        ['7'] = [7, 1, 1, 1, 1],
        ['8'] = [7, 5, 7, 5, 7],
        ['9'] = [7, 5, 7, 1, 7],
        ['#'] = [5, 7, 5, 7, 5],
        ['.'] = [0, 0, 0, 0, 2],
        [' '] = [0, 0, 0, 0, 0],
    };

    /// <summary>True when pixel (<paramref name="x"/>, <paramref name="y"/>) of <paramref name="c"/>'s glyph is set.</summary>
    public static bool IsSet(char c, int x, int y) =>
        Glyphs.TryGetValue(c, out var rows) && ((rows[y] >> (GlyphWidth - 1 - x)) & 1) == 1;
}
