using System.Numerics;

namespace LipSyncGuard.Faces;

/// <summary>MediaPipe's weighted non-maximum suppression: take the best remaining candidate, gather every candidate
/// overlapping it by at least the threshold, and output their score-weighted mean box and keypoints with the best
/// score. Blending steadies boxes between frames compared with plain NMS.</summary>
internal static class WeightedNms
{
    public static List<Candidate> Apply(List<Candidate> candidates, float iouThreshold, int maxOutputs)
    {
        candidates.Sort(static (a, b) => b.Score.CompareTo(a.Score));
        var used = new bool[candidates.Count];
        var result = new List<Candidate>();
        Span<Vector2> points = stackalloc Vector2[FaceKeypoints.Count];
        for (var i = 0; i < candidates.Count && result.Count < maxOutputs; i++)
        {
            if (used[i]) continue;
            var best = candidates[i];
            float total = 0, x = 0, y = 0, w = 0, h = 0;
            points.Clear();
            for (var j = i; j < candidates.Count; j++)
            {
                if (used[j]) continue;
                var c = candidates[j];
                if (j != i && best.Box.IoU(c.Box) < iouThreshold) continue;
                used[j] = true;
                var s = c.Score;
                total += s;
                x += c.Box.X * s;
                y += c.Box.Y * s;
                w += c.Box.Width * s;
                h += c.Box.Height * s;
                for (var k = 0; k < points.Length; k++) points[k] += c.Points[k] * s;
            }
            var blended = new Vector2[points.Length];
            for (var k = 0; k < points.Length; k++) blended[k] = points[k] / total;
            result.Add(new Candidate(best.Score, new FaceBox(x / total, y / total, w / total, h / total), blended, best.Stage));
        }
        return result;
    }
}
