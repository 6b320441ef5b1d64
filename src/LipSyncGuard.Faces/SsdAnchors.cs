namespace LipSyncGuard.Faces;

/// <summary>BlazeFace's SSD anchor centres, normalised to the model input: a 16×16 grid with 2 anchors per cell, then
/// an 8×8 grid with 6 per cell (896 in all, row-major over cells, then anchors within a cell). Anchor sizes are fixed
/// at 1, so only centres matter. Both the 128 and the 256 model use this layout.</summary>
internal static class SsdAnchors
{
    public const int Layer1 = 16 * 16 * 2;
    public const int Layer2 = 8 * 8 * 6;
    public const int Count = Layer1 + Layer2;

    /// <summary>x0, y0, x1, y1, … for all <see cref="Count"/> anchors.</summary>
    public static float[] Centers { get; } = Build();

    private static float[] Build()
    {
        var centers = new float[Count * 2];
        var i = 0;
        foreach (var (cells, perCell) in new[] { (16, 2), (8, 6) })
        {
            for (var row = 0; row < cells; row++)
            {
                for (var col = 0; col < cells; col++)
                {
                    for (var a = 0; a < perCell; a++)
                    {
                        centers[i++] = (col + 0.5f) / cells;
                        centers[i++] = (row + 0.5f) / cells;
                    }
                }
            }
        }
        return centers;
    }
}
