using System.Globalization;
using LipSyncGuard.Faces;

CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
var media = Environment.GetEnvironmentVariable("LIPSYNC_SHARED_MEDIA") ?? Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "../../../../../../shared/media"));
var mode = args.Length > 0 ? args[0] : "dump";
if (mode == "dump")
{
    foreach (var file in args.Skip(1))
    {
        var image = ImageLoader.Load(Path.Combine(media, "faces", file));
        foreach (var model in new[] { DetectorModel.Front, DetectorModel.Back })
        {
            using var detector = new FaceDetector(new FaceDetectorOptions { Model = model, MaxFaces = 50 });
            var faces = detector.Detect(image.View);
            Console.WriteLine($"{file} {image.Width}x{image.Height} {model}: {faces.Count}");
            foreach (var f in faces)
            {
                Console.WriteLine($"  {f.Score:0.00} {f.Stage} box=({f.Box.X:0},{f.Box.Y:0},{f.Box.Width:0},{f.Box.Height:0}) roll={f.Keypoints.RollDegrees:0} " +
                    string.Join(" ", f.Keypoints.Points.ToArray().Select(p => $"({p.X:0},{p.Y:0})")));
            }
        }
    }
}
