namespace LipSyncGuard.Faces.Landmarks;

/// <summary>Parses dlib's own serialisation of <c>shape_predictor</c> (<c>shape_predictor_68_face_landmarks.dat</c>):
/// little-endian variable-length integers, floats as mantissa·2^exponent, vectors as count + items, matrices as rows,
/// negated cols, row-major floats. Layout: version 1, initial shape, forests, anchor indices, deltas.</summary>
internal static class DlibShapePredictorReader
{
    // float_details' markers for non-finite values (dlib/float_details.h).
    private const long ExponentInf = 32000;
    private const long ExponentNegInf = 32001;
    private const long ExponentNan = 32002;

    public static ShapePredictorModel Parse(ReadOnlySpan<byte> data)
    {
        var pos = 0;
        var version = ReadInt(data, ref pos);
        if (version != 1) throw new InvalidDataException($"shape predictor version: expected 1, got {version}");

        var initialShape = ReadColumn(data, ref pos);
        if (initialShape.Length == 0 || initialShape.Length % 2 != 0) throw new InvalidDataException($"initial shape has {initialShape.Length} values");
        var coords = initialShape.Length;

        var cascades = Count(data, ref pos, "forests", 1000);
        int trees = -1, splitsPerTree = -1;
        ShapeSplit[] splits = [];
        float[] leaves = [];
        for (var c = 0; c < cascades; c++)
        {
            var n = Count(data, ref pos, "trees", 100_000);
            if (c == 0) trees = n;
            else if (n != trees) throw new InvalidDataException($"cascade {c} has {n} trees, cascade 0 has {trees}");
            for (var t = 0; t < trees; t++)
            {
                var s = Count(data, ref pos, "splits", 1 << 16);
                if (splitsPerTree < 0)
                {
                    splitsPerTree = s;
                    splits = new ShapeSplit[cascades * trees * s];
                    leaves = new float[(long)cascades * trees * (s + 1) * coords];
                }
                else if (s != splitsPerTree) throw new InvalidDataException($"tree {c}/{t} has {s} splits, expected {splitsPerTree}");
                var splitBase = ((c * trees) + t) * s;
                for (var k = 0; k < s; k++)
                {
                    var i1 = ReadInt(data, ref pos);
                    var i2 = ReadInt(data, ref pos);
                    var th = ReadFloat(data, ref pos);
                    if ((ulong)i1 > ushort.MaxValue || (ulong)i2 > ushort.MaxValue) throw new InvalidDataException($"split index ({i1}, {i2}) too large");
                    splits[splitBase + k] = new ShapeSplit((ushort)i1, (ushort)i2, th);
                }
                var leafCount = Count(data, ref pos, "leaves", 1 << 17);
                if (leafCount != s + 1) throw new InvalidDataException($"tree {c}/{t}: expected {s + 1} leaves, got {leafCount}");
                var leafBase = (long)((c * trees) + t) * leafCount * coords;
                for (var l = 0; l < leafCount; l++)
                {
                    ReadMatrixHeader(data, ref pos, coords);
                    var dest = leaves.AsSpan().Slice((int)(leafBase + ((long)l * coords)), coords);
                    for (var j = 0; j < coords; j++) dest[j] = ReadFloat(data, ref pos);
                }
            }
        }

        var anchorLists = Count(data, ref pos, "anchor lists", 1000);
        if (anchorLists != cascades) throw new InvalidDataException($"expected {cascades} anchor lists, got {anchorLists}");
        int[] anchors = [];
        var features = -1;
        for (var c = 0; c < cascades; c++)
        {
            var n = Count(data, ref pos, "anchors", 1 << 16);
            if (features < 0)
            {
                features = n;
                anchors = new int[cascades * n];
            }
            else if (n != features) throw new InvalidDataException($"cascade {c} samples {n} pixels, expected {features}");
            for (var i = 0; i < n; i++)
            {
                var a = ReadInt(data, ref pos);
                if ((ulong)a >= (ulong)(coords / 2)) throw new InvalidDataException($"anchor {a} outside the shape");
                anchors[(c * n) + i] = (int)a;
            }
        }

        var deltaLists = Count(data, ref pos, "delta lists", 1000);
        if (deltaLists != cascades) throw new InvalidDataException($"expected {cascades} delta lists, got {deltaLists}");
        var deltas = new float[cascades * features * 2];
        for (var c = 0; c < cascades; c++)
        {
            var n = Count(data, ref pos, "deltas", 1 << 16);
            if (n != features) throw new InvalidDataException($"cascade {c} has {n} deltas, expected {features}");
            for (var i = 0; i < 2 * n; i++) deltas[(c * 2 * n) + i] = ReadFloat(data, ref pos);
        }
        if (pos != data.Length) throw new InvalidDataException($"{data.Length - pos} unexpected bytes after the shape predictor");

        return new ShapePredictorModel(coords / 2, cascades, trees, splitsPerTree, features, initialShape, splits, leaves, anchors, deltas);
    }

    private static float[] ReadColumn(ReadOnlySpan<byte> data, ref int pos)
    {
        var (rows, cols) = ReadMatrixHeader(data, ref pos, -1);
        if (cols != 1) throw new InvalidDataException($"expected a column vector, got {rows}×{cols}");
        var values = new float[rows];
        for (var i = 0; i < rows; i++) values[i] = ReadFloat(data, ref pos);
        return values;
    }

    private static (int Rows, int Cols) ReadMatrixHeader(ReadOnlySpan<byte> data, ref int pos, int expectedRows)
    {
        // dlib writes the dimensions negated (its newer matrix format); older files have them positive.
        var rows = Math.Abs(ReadInt(data, ref pos));
        var cols = Math.Abs(ReadInt(data, ref pos));
        if (rows > 1 << 20 || cols > 1 << 20) throw new InvalidDataException($"matrix {rows}×{cols} too large");
        if (expectedRows >= 0 && (rows != expectedRows || cols != 1))
            throw new InvalidDataException($"leaf: expected {expectedRows}×1, got {rows}×{cols}");
        return ((int)rows, (int)cols);
    }

    private static int Count(ReadOnlySpan<byte> data, ref int pos, string what, int max)
    {
        var n = ReadInt(data, ref pos);
        if (n < 0 || n > max) throw new InvalidDataException($"{what}: count {n} outside 0..{max}");
        return (int)n;
    }

    private static float ReadFloat(ReadOnlySpan<byte> data, ref int pos)
    {
        var mantissa = ReadInt(data, ref pos);
        var exponent = ReadInt(data, ref pos);
        return exponent switch
        {
            < ExponentInf => (float)Math.ScaleB(mantissa, (int)exponent),
            ExponentInf => float.PositiveInfinity,
            ExponentNegInf => float.NegativeInfinity,
            ExponentNan => float.NaN,
            _ => throw new InvalidDataException($"float exponent {exponent} is not valid"),
        };
    }

    private static long ReadInt(ReadOnlySpan<byte> data, ref int pos)
    {
        if ((uint)pos >= (uint)data.Length) throw new InvalidDataException("shape predictor file ends early");
        int control = data[pos++];
        var size = control & 0x0F;
        if (size > 8) throw new InvalidDataException($"integer of {size} bytes at offset {pos - 1}");
        if (pos + size > data.Length) throw new InvalidDataException("shape predictor file ends early");
        ulong value = 0;
        for (var i = 0; i < size; i++) value |= (ulong)data[pos + i] << (8 * i);
        pos += size;
        return (control & 0x80) != 0 ? -(long)value : (long)value;
    }
}
