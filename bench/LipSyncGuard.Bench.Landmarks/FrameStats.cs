using System.Numerics;
using LipSyncGuard.Faces.Landmarks;

/// <summary>How dlib's HOG box relates to the least-squares similarity that maps the mean shape onto dlib's points.</summary>
internal static class FrameStats
{
    public static void Report(LandmarkDetector detector, List<MappingEvaluation.Face> faces, TextWriter log)
    {
        var mean = detector.MeanShape;
        foreach (var f in faces)
        {
            // similarity from unit mean shape to points
            int n = 68; double mx = 0, my = 0, px = 0, py = 0;
            for (var i = 0; i < n; i++) { mx += mean[2 * i]; my += mean[2 * i + 1]; px += f.Reference[i].X; py += f.Reference[i].Y; }
            mx /= n; my /= n; px /= n; py /= n;
            double dot = 0, cross = 0, ss = 0;
            for (var i = 0; i < n; i++)
            {
                double fx = mean[2 * i] - mx, fy = mean[2 * i + 1] - my, tx = f.Reference[i].X - px, ty = f.Reference[i].Y - py;
                dot += fx * tx + fy * ty; cross += fx * ty - fy * tx; ss += fx * fx + fy * fy;
            }
            double a = dot / ss, b = cross / ss, s = Math.Sqrt(a * a + b * b);
            // centre of unit box (0.5,0.5)
            double cx = px + a * (0.5 - mx) - b * (0.5 - my), cy = py + b * (0.5 - mx) + a * (0.5 - my);
            log.WriteLine($"{f.Name,-36} size ratio {f.Box.Width / s:F3}  centre offset ({(f.Box.CenterX - cx) / s:F3}, {(f.Box.CenterY - cy) / s:F3})  roll {Math.Atan2(b, a) * 180 / Math.PI:F1}");
        }
    }
}
