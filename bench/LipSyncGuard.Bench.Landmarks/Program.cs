using System.Diagnostics;
using System.Globalization;
using LipSyncGuard.Faces.Landmarks;
using SkiaSharp;

// Landmark benchmark: load time (parsing dlib's .dat, and through the converted cache) and ms per face on one core.
// Usage: dotnet run -c Release --project bench/LipSyncGuard.Bench.Landmarks -- fit-mapping tests/LipSyncGuard.Faces.Tests/Landmarks/Fixtures ../shared/media
//        dotnet run -c Release --project bench/LipSyncGuard.Bench.Landmarks -- IMAGE LEFT TOP RIGHT BOTTOM [ITERATIONS]
if (args is ["fit-mapping", var fixtures, var mediaRoot])
{
    var fitted = MappingFit.Fit(fixtures, Console.Out);
    Console.WriteLine(fitted);
    var evalFaces = MappingEvaluation.LoadFaces(fixtures, mediaRoot);
    MappingEvaluation.Report(LandmarkDetector.Load(), fitted, evalFaces, Console.Out);
    FrameStats.Report(LandmarkDetector.Load(), evalFaces, Console.Out);
    return 0;
}
if (args.Length < 5)
{
    Console.Error.WriteLine("usage: IMAGE LEFT TOP RIGHT BOTTOM [ITERATIONS]  (a dlib-convention box, e.g. r0.jpg 120 134 245 259)");
    return 2;
}
var inv = CultureInfo.InvariantCulture;
var box = new LandmarkBox(float.Parse(args[1], inv), float.Parse(args[2], inv), float.Parse(args[3], inv), float.Parse(args[4], inv));
var iterations = args.Length > 5 ? int.Parse(args[5], inv) : 2000;

var sw = Stopwatch.StartNew();
_ = LandmarkDetector.Load(LandmarkDetectorOptions.Default with { UseCache = false });
Console.WriteLine($"load, parsing the .dat:        {sw.Elapsed.TotalMilliseconds,8:F0} ms");
GC.Collect();
_ = LandmarkDetector.Load(); // makes the cache when absent
GC.Collect();
sw.Restart();
var detector = LandmarkDetector.Load();
Console.WriteLine($"load, converted cache (sha256 + read): {sw.Elapsed.TotalMilliseconds,8:F0} ms");

using var bitmap = SKBitmap.Decode(args[0]) ?? throw new InvalidDataException($"cannot decode {args[0]}");
var (w, h) = (bitmap.Width, bitmap.Height);
var rgb = new byte[w * h * 3];
for (var y = 0; y < h; y++)
{
    for (var x = 0; x < w; x++)
    {
        var c = bitmap.GetPixel(x, y);
        var o = ((y * w) + x) * 3;
        (rgb[o], rgb[o + 1], rgb[o + 2]) = (c.Red, c.Green, c.Blue);
    }
}

var frame = ShapeFrame.FromBox(box);
var points = new System.Numerics.Vector2[68];
for (var i = 0; i < 200; i++) detector.Detect(rgb, w, h, w * 3, frame, points); // JIT tiering and caches
var times = new double[5];
for (var r = 0; r < times.Length; r++)
{
    sw.Restart();
    for (var i = 0; i < iterations; i++) detector.Detect(rgb, w, h, w * 3, frame, points);
    times[r] = sw.Elapsed.TotalMilliseconds / iterations;
}
Array.Sort(times);
Console.WriteLine($"landmarks, one thread: median {times[2]:F3} ms/face (min {times[0]:F3}, max {times[^1]:F3}; {iterations} faces × {times.Length})");
Console.WriteLine("points: " + string.Join(' ', points.Select(p => $"{Math.Floor(p.X + 0.5)},{Math.Floor(p.Y + 0.5)}")));
return 0;
