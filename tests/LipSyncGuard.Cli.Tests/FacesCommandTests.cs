using System.Text.Json;
using LipSyncGuard.Testing;
using Xunit;

namespace LipSyncGuard.Cli.Tests;

public sealed class FacesCommandTests
{
    private static string Sample => Path.Combine(SharedMedia.RepositoryRoot, "samples", "real_vox2_00015.mp4");

    /// <summary>With the points loaded, faces are followed between key frames by them (as <c>analyze</c> follows them):
    /// every frame of the face has its 68 points, and they lie where a search of every frame puts them.</summary>
    [Fact]
    public async Task Faces_LandmarksWithKeyFrames_EveryFrameHasPointsNearTheSearchedOnes()
    {
        var followed = await PointsAsync("--key-frame-every", "10");
        var searched = await PointsAsync("--key-frame-every", "1");

        Assert.Equal(searched.Length, followed.Length);
        Assert.True(followed.Length >= 150, $"{followed.Length} frames");
        // Mean distance per point, in units of the outer eye-corner distance (points 36 and 45).
        var error = followed.Zip(searched, (f, s) =>
            f.Zip(s, (a, b) => Math.Sqrt(Math.Pow(a[0] - b[0], 2) + Math.Pow(a[1] - b[1], 2))).Average() / Distance(s[36], s[45])).Average();
        Assert.True(error < 0.05, $"followed points lie {error:0.000} eye distances from the searched ones");
    }

    private static async Task<double[][][]> PointsAsync(params string[] following)
    {
        var result = await LipsyncProcess.RunAsync(["faces", Sample, "--landmarks", "--json", .. following]);
        Assert.True(result.ExitCode == 0, result.Stderr);
        using var json = JsonDocument.Parse(result.Stdout);
        var track = Assert.Single(json.RootElement.GetProperty("tracks").EnumerateArray());
        Assert.Equal(track.GetProperty("length").GetInt32(), track.GetProperty("detected_frames").GetInt32());
        var frames = track.GetProperty("landmarks").EnumerateArray().ToArray();
        Assert.Equal(track.GetProperty("length").GetInt32(), frames.Length);
        return [.. frames.Select(f => f.GetProperty("points").EnumerateArray().Select(p => new[] { p[0].GetDouble(), p[1].GetDouble() }).ToArray())];
    }

    private static double Distance(double[] a, double[] b) => Math.Sqrt(Math.Pow(a[0] - b[0], 2) + Math.Pow(a[1] - b[1], 2));
}
