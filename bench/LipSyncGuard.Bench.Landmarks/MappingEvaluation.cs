using System.Diagnostics;
using System.Numerics;
using System.Text.Json;
using LipSyncGuard.Faces.Landmarks;
using SkiaSharp;

/// <summary>The whole-path error per fixture face (anchor from dlib's points → mapping → cascade vs dlib's points for its
/// HOG box) and the implementation parity (dlib's box → cascade vs dlib), in % of the outer-eye-corner distance. Frames
/// of clips are extracted with the same ffmpeg command as the fixtures.</summary>
internal static class MappingEvaluation
{
    public sealed record Face(string Name, LandmarkBox Box, FaceLandmarks Reference, byte[] Rgb, int Width, int Height);

    public static List<Face> LoadFaces(string fixturesDir, string mediaRoot)
    {
        var faces = new List<Face>();
        foreach (var file in Directory.EnumerateFiles(fixturesDir, "*.json").Order(StringComparer.Ordinal))
        {
            var name = Path.GetFileNameWithoutExtension(file);
            using var doc = JsonDocument.Parse(File.ReadAllText(file));
            var (rgb, w, h) = LoadImage(name, mediaRoot);
            foreach (var face in doc.RootElement.GetProperty("faces").EnumerateArray())
            {
                var b = face.GetProperty("box").EnumerateArray().Select(v => v.GetSingle()).ToArray();
                var pts = face.GetProperty("points").EnumerateArray().Select(p => new Vector2(p[0].GetSingle(), p[1].GetSingle())).ToArray();
                faces.Add(new Face(name, new LandmarkBox(b[0], b[1], b[2], b[3]), new FaceLandmarks(pts), rgb, w, h));
            }
        }
        return faces;
    }

    public static double Error(FaceLandmarks actual, FaceLandmarks reference) => 100.0 * actual.MeanDistance(reference) / reference.OuterEyeCornerDistance;

    public static void Report(LandmarkDetector detector, FaceAnchorMapping mapping, List<Face> faces, TextWriter log)
    {
        double sumRefined = 0, maxRefined = 0, sumBox = 0, sumPath = 0, maxBox = 0, maxPath = 0;
        foreach (var f in faces)
        {
            var byBox = detector.Detect(f.Rgb, f.Width, f.Height, f.Width * 3, f.Box);
            var rounded = new FaceLandmarks(byBox.Points.ToArray().Select(p => new Vector2(MathF.Floor(p.X + 0.5f), MathF.Floor(p.Y + 0.5f))).ToArray());
            var boxError = Error(rounded, f.Reference);
            var byAnchor = detector.Detect(f.Rgb, f.Width, f.Height, f.Width * 3, mapping.ToFrame(FaceAnchor.FromLandmarks(f.Reference)));
            var pathError = Error(byAnchor, f.Reference);
            var refined = detector.Detect(f.Rgb, f.Width, f.Height, f.Width * 3, detector.FrameFor(byAnchor));
            var refinedError = Error(refined, f.Reference);
            sumRefined += refinedError;
            maxRefined = Math.Max(maxRefined, refinedError);
            var frame = mapping.ToFrame(FaceAnchor.FromLandmarks(f.Reference));
            var size = Math.Sqrt((frame.M00 * frame.M00) + (frame.M10 * frame.M10));
            var centre = frame.Apply(0.5f, 0.5f);
            var shift = Vector2.Distance(centre, new Vector2(f.Box.CenterX, f.Box.CenterY)) / f.Box.Width;
            log.WriteLine($"{f.Name,-36} box [{f.Box.Left},{f.Box.Top},{f.Box.Right},{f.Box.Bottom}]  dlib box: {boxError,5:F2}%  whole path: {pathError,5:F2}%  refined {refinedError,5:F2}% (mapped box: size ×{size / f.Box.Width:F3}, centre off {100 * shift:F1}%)");
            sumBox += boxError;
            sumPath += pathError;
            maxBox = Math.Max(maxBox, boxError);
            maxPath = Math.Max(maxPath, pathError);
        }
        log.WriteLine($"{faces.Count} faces: dlib box mean {sumBox / faces.Count:F2}% (max {maxBox:F2}%), whole path mean {sumPath / faces.Count:F2}% (max {maxPath:F2}%), refined mean {sumRefined / faces.Count:F2}% (max {maxRefined:F2}%)");
    }

    private static (byte[] Rgb, int Width, int Height) LoadImage(string fixtureName, string mediaRoot)
    {
        var dot = fixtureName.LastIndexOf(".f", StringComparison.Ordinal);
        string path;
        string? temp = null;
        if (dot > 0 && int.TryParse(fixtureName[(dot + 2)..], out var frame))
        {
            var clip = Path.Combine(mediaRoot, RelativePath(fixtureName[..dot]));
            temp = Path.Combine(Path.GetTempPath(), $"lsg-bench-{Guid.NewGuid():N}.png");
            Run("ffmpeg", "-nostdin", "-hide_banner", "-loglevel", "error", "-y", "-i", clip, "-vf", $"select=eq(n\\,{frame})",
                "-fps_mode", "passthrough", "-frames:v", "1", "-pix_fmt", "rgb24", temp);
            path = temp;
        }
        else path = Path.Combine(mediaRoot, RelativePath(fixtureName));
        try
        {
            using var codec = SKCodec.Create(path) ?? throw new InvalidDataException(path);
            var info = new SKImageInfo(codec.Info.Width, codec.Info.Height, SKColorType.Rgba8888, SKAlphaType.Unpremul);
            using var bitmap = SKBitmap.Decode(codec, info);
            var rgba = bitmap.GetPixelSpan();
            var rgb = new byte[info.Width * info.Height * 3];
            for (int i = 0, j = 0; j < rgb.Length; i += 4, j += 3) (rgb[j], rgb[j + 1], rgb[j + 2]) = (rgba[i], rgba[i + 1], rgba[i + 2]);
            return (rgb, info.Width, info.Height);
        }
        finally
        {
            if (temp is not null) File.Delete(temp);
        }
    }

    // Fixture names replace the first '/' of the media path with '_' (faces/, real/, avlips/0_real/…).
    private static string RelativePath(string name) =>
        name.StartsWith("avlips_", StringComparison.Ordinal) ? "avlips/" + name["avlips_".Length..].Replace("real_", "real/", StringComparison.Ordinal).Replace("fake_", "fake/", StringComparison.Ordinal)
        : name[..name.IndexOf('_', StringComparison.Ordinal)] + "/" + name[(name.IndexOf('_', StringComparison.Ordinal) + 1)..];

    private static void Run(string exe, params string[] args)
    {
        var info = new ProcessStartInfo(exe) { UseShellExecute = false };
        foreach (var a in args) info.ArgumentList.Add(a);
        using var p = Process.Start(info)!;
        p.WaitForExit();
        if (p.ExitCode != 0) throw new InvalidOperationException($"{exe} failed");
    }
}
