using System.Numerics;
using System.Text.Json;
using LipSyncGuard.Faces.Landmarks;

/// <summary>Fits <see cref="FaceAnchorMapping"/>'s coefficients to dlib's HOG boxes in the parity fixtures: for each face,
/// the anchor is taken from dlib's own points (eye centres, nose tip, mouth centre) and the target is dlib's box.</summary>
internal static class MappingFit
{
    public static FaceAnchorMapping Fit(string fixturesDir, TextWriter log)
    {
        var rows = new List<(double Eye, double Mouth, double Nose, double Size, double Drop, double Shift)>();
        foreach (var file in Directory.EnumerateFiles(fixturesDir, "*.json").Order(StringComparer.Ordinal))
        {
            using var doc = JsonDocument.Parse(File.ReadAllText(file));
            foreach (var face in doc.RootElement.GetProperty("faces").EnumerateArray())
            {
                var b = face.GetProperty("box").EnumerateArray().Select(v => v.GetSingle()).ToArray();
                var pts = face.GetProperty("points").EnumerateArray().Select(p => new Vector2(p[0].GetSingle(), p[1].GetSingle())).ToArray();
                var anchor = FaceAnchor.FromLandmarks(new FaceLandmarks(pts));
                var (u, v, eye) = Axes(anchor);
                var mid = (anchor.RightEye + anchor.LeftEye) / 2;
                var centre = new Vector2((b[0] + b[2]) / 2, (b[1] + b[3]) / 2);
                rows.Add((eye, Vector2.Dot(anchor.Mouth - mid, v), Vector2.Dot(anchor.Nose - mid, u), b[2] - b[0],
                    Vector2.Dot(centre - mid, v), Vector2.Dot(centre - mid, u)));
            }
        }
        var (s1, s2) = LeastSquares2(rows.Select(r => (r.Eye, r.Mouth, r.Size)));
        var (d1, d2) = LeastSquares2(rows.Select(r => (r.Eye, r.Mouth, r.Drop)));
        var c = rows.Sum(r => r.Nose * r.Shift) / rows.Sum(r => r.Nose * r.Nose);
        log.WriteLine($"fitted on {rows.Count} faces");
        return new FaceAnchorMapping
        {
            SizePerEyeDistance = s1, SizePerMouthDrop = s2, CenterDropPerEyeDistance = d1, CenterDropPerMouthDrop = d2, CenterShiftPerNoseShift = c,
        };
    }

    private static (Vector2 U, Vector2 V, float Eye) Axes(FaceAnchor a)
    {
        var e = a.LeftEye - a.RightEye;
        var u = Vector2.Normalize(e);
        return (u, new Vector2(-u.Y, u.X), e.Length());
    }

    /// <summary>Least squares y ≈ p·x1 + q·x2 (no intercept: the mapping must scale with the face).</summary>
    private static (double P, double Q) LeastSquares2(IEnumerable<(double X1, double X2, double Y)> data)
    {
        double a11 = 0, a12 = 0, a22 = 0, b1 = 0, b2 = 0;
        foreach (var (x1, x2, y) in data)
        {
            a11 += x1 * x1;
            a12 += x1 * x2;
            a22 += x2 * x2;
            b1 += x1 * y;
            b2 += x2 * y;
        }
        var det = (a11 * a22) - (a12 * a12);
        return (((a22 * b1) - (a12 * b2)) / det, ((a11 * b2) - (a12 * b1)) / det);
    }
}
