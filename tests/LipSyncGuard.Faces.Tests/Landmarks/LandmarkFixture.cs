using System.Numerics;
using System.Text.Json;
using LipSyncGuard.Faces.Landmarks;
using LipSyncGuard.Testing;

namespace LipSyncGuard.Faces.Tests.Landmarks;

/// <summary>One dlib reference output (see Fixtures/make-fixtures.sh): the image and, per face dlib's HOG detector
/// found, its box and dlib's 68 points (rounded by dlib).</summary>
public sealed record LandmarkFixture(string Name, int Width, int Height, IReadOnlyList<LandmarkFixture.Face> Faces)
{
    /// <summary>Shared images with their fixture (the media path with '/' → '_').</summary>
    public static readonly string[] Images =
    [
        "faces/r0.jpg", "faces/t1.jpg", "faces/multiface.jpg", "faces/two_people.jpg", "faces/trump_hillary.jpg",
        "faces/obama_and_biden.jpg", "faces/3ddfa_image00427.jpg", "faces/retinaface_test.jpg", "faces/emma.jpg",
    ];

    /// <summary>Clip frames with their fixture ('.f' + frame number appended).</summary>
    public static readonly (string Clip, int Frame)[] Frames =
    [
        (SharedMedia.Grid, GridClosedMouthFrame), (SharedMedia.Grid, GridOpenMouthFrame), (SharedMedia.AvlipsReal0, 25),
        (SharedMedia.Vox, 0), (SharedMedia.Vox, 50),
    ];

    /// <summary>Frame of the GRID clip where the lips are closed (picked by eye).</summary>
    public const int GridClosedMouthFrame = 8;

    /// <summary>Frame of the GRID clip where the mouth is open with teeth showing (picked by eye).</summary>
    public const int GridOpenMouthFrame = 50;

    public sealed record Face(LandmarkBox Box, FaceLandmarks Points);

    public static LandmarkFixture ForImage(string mediaPath) => Read(mediaPath.Replace('/', '_'));

    public static LandmarkFixture ForFrame(string clip, int frame) => Read($"{clip.Replace('/', '_')}.f{frame}");

    /// <summary>Decodes frame <paramref name="frame"/> of a shared clip to a PNG with the same ffmpeg command as
    /// make-fixtures.sh, then loads it.</summary>
    public static Rgb24Bitmap ExtractFrame(string clip, int frame)
    {
        var path = SharedMedia.Require(clip);
        using var dir = new TempDir("lsg-landmarks-");
        var png = dir.File("frame.png");
        Ffmpeg.Run("-i", path, "-vf", $"select=eq(n\\,{frame})", "-fps_mode", "passthrough", "-frames:v", "1", "-pix_fmt", "rgb24", png);
        return Rgb24Bitmap.Load(png);
    }

    private static LandmarkFixture Read(string name)
    {
        var path = Path.Combine(AppContext.BaseDirectory, "Landmarks", "Fixtures", name + ".json");
        using var doc = JsonDocument.Parse(File.ReadAllText(path));
        var root = doc.RootElement;
        var faces = new List<Face>();
        foreach (var face in root.GetProperty("faces").EnumerateArray())
        {
            var b = face.GetProperty("box").EnumerateArray().Select(v => v.GetSingle()).ToArray();
            var points = face.GetProperty("points").EnumerateArray()
                .Select(p => new Vector2(p[0].GetSingle(), p[1].GetSingle())).ToArray();
            faces.Add(new Face(new LandmarkBox(b[0], b[1], b[2], b[3]), new FaceLandmarks(points)));
        }
        return new LandmarkFixture(name, root.GetProperty("width").GetInt32(), root.GetProperty("height").GetInt32(), faces);
    }
}
