namespace LipSyncGuard.Faces.Landmarks;

/// <summary>dlib's shape predictor (Kazemi &amp; Sullivan's regression-tree cascade) in flat arrays laid out for the hot
/// loop: every tree of every cascade has the same depth, so a tree's splits and leaves sit at fixed strides.</summary>
internal sealed class ShapePredictorModel
{
    public ShapePredictorModel(
        int partCount, int cascadeCount, int treesPerCascade, int splitsPerTree, int featuresPerCascade,
        float[] initialShape, ShapeSplit[] splits, float[] leaves, int[] anchors, float[] deltas)
    {
        var coords = partCount * 2;
        var leavesPerTree = splitsPerTree + 1;
        Check(initialShape.Length == coords, "initial shape", coords, initialShape.Length);
        Check(splits.Length == cascadeCount * treesPerCascade * splitsPerTree, "splits", cascadeCount * treesPerCascade * splitsPerTree, splits.Length);
        Check(leaves.LongLength == (long)cascadeCount * treesPerCascade * leavesPerTree * coords, "leaf values",
            (long)cascadeCount * treesPerCascade * leavesPerTree * coords, leaves.LongLength);
        Check(anchors.Length == cascadeCount * featuresPerCascade, "anchors", cascadeCount * featuresPerCascade, anchors.Length);
        Check(deltas.Length == cascadeCount * featuresPerCascade * 2, "deltas", cascadeCount * featuresPerCascade * 2, deltas.Length);
        if ((leavesPerTree & (leavesPerTree - 1)) != 0) throw new InvalidDataException($"trees must be complete: {splitsPerTree} splits per tree");
        foreach (var a in anchors)
        {
            if ((uint)a >= (uint)partCount) throw new InvalidDataException($"anchor index {a} outside 0..{partCount - 1}");
        }
        foreach (var s in splits)
        {
            if (s.Index1 >= featuresPerCascade || s.Index2 >= featuresPerCascade)
                throw new InvalidDataException($"split feature index ({s.Index1}, {s.Index2}) outside 0..{featuresPerCascade - 1}");
        }
        PartCount = partCount;
        CascadeCount = cascadeCount;
        TreesPerCascade = treesPerCascade;
        SplitsPerTree = splitsPerTree;
        FeaturesPerCascade = featuresPerCascade;
        InitialShape = initialShape;
        Splits = splits;
        Leaves = leaves;
        Anchors = anchors;
        Deltas = deltas;
    }

    /// <summary>Landmarks per shape (68 for the iBUG model).</summary>
    public int PartCount { get; }

    /// <summary>Cascade levels (15).</summary>
    public int CascadeCount { get; }

    /// <summary>Trees per level (500).</summary>
    public int TreesPerCascade { get; }

    /// <summary>Split nodes per tree (15, i.e. depth 4).</summary>
    public int SplitsPerTree { get; }

    /// <summary>Leaves per tree (16).</summary>
    public int LeavesPerTree => SplitsPerTree + 1;

    /// <summary>Feature pixels sampled per level (500).</summary>
    public int FeaturesPerCascade { get; }

    /// <summary>Mean shape in the unit box, x0, y0, x1, y1, ….</summary>
    public float[] InitialShape { get; }

    /// <summary>Splits, [cascade][tree][node] flattened, nodes in breadth-first order.</summary>
    public ShapeSplit[] Splits { get; }

    /// <summary>Leaf shape increments, [cascade][tree][leaf][2·part] flattened.</summary>
    public float[] Leaves { get; }

    /// <summary>The landmark each feature pixel hangs from, [cascade][feature].</summary>
    public int[] Anchors { get; }

    /// <summary>Feature pixel offsets from their anchor in mean-shape coordinates, [cascade][feature][x, y].</summary>
    public float[] Deltas { get; }

    private static void Check(bool ok, string what, long expected, long actual)
    {
        if (!ok) throw new InvalidDataException($"shape predictor {what}: expected {expected} values, got {actual}");
    }
}
