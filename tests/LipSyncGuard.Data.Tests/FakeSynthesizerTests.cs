using System.Globalization;
using LipSyncGuard.Testing;
using Xunit;

namespace LipSyncGuard.Data.Tests;

public sealed class FakeSynthesizerTests
{
    [SkippableFact]
    public async Task SynthesizeAsync_TwoGridClips_PlayableFakesMatchingTheInputAndGroupedManifest()
    {
        string[] sources = [SharedMedia.Require("real/grid_bbaf2n.mpg"), SharedMedia.Require("real/grid_brbk7n.mpg")];
        using var dir = new TempDir();
        var reals = sources.Select(s => new DatasetItem(s, 0, Path.GetFileNameWithoutExtension(s), "real", "-", null)).ToList();
        using var synthesizer = new FakeSynthesizer();

        var fakes = await synthesizer.SynthesizeAsync(reals, dir.Path);

        Assert.Equal(8, fakes.Count);
        Assert.All(fakes, f => Assert.Null(f.Error));
        foreach (var fake in fakes)
        {
            var expected = Probe(fake.Source.Path);
            var actual = Probe(fake.Path!);
            Assert.Equal((expected.Width, expected.Height, expected.Fps), (actual.Width, actual.Height, actual.Fps));
            Assert.InRange(actual.Duration, expected.Duration - 0.1, expected.Duration + 0.1);
            Assert.Equal(("h264", "aac"), (actual.Video, actual.Audio));
            // Playable: every frame decodes.
            Assert.InRange(Ffmpeg.CountFrames(fake.Path!), (int)(expected.Duration * expected.Fps) - 3, (int)(expected.Duration * expected.Fps) + 3);
        }
        var items = Dataset.Load(dir.Path);
        Assert.Equal((2, 8), (items.Count(i => !i.IsFake), items.Count(i => i.IsFake)));
        Assert.Equal(["grid_bbaf2n", "grid_brbk7n"], items.Select(i => i.Group).Distinct().Order());
        Assert.Equal(["freeze", "real", "retime", "shift", "swap"], items.Select(i => i.Kind).Distinct().Order());
        Assert.All(items.Where(i => i.IsFake), i => Assert.StartsWith(i.Group + "_", Path.GetFileName(i.Path), StringComparison.Ordinal));
    }

    private static (int Width, int Height, double Fps, double Duration, string Video, string Audio) Probe(string path)
    {
        var v = Ffmpeg.Probe("-select_streams", "v:0", "-show_entries", "stream=width,height,avg_frame_rate,codec_name", "-of", "csv=p=0", path).Trim().Split(',');
        var a = Ffmpeg.Probe("-select_streams", "a:0", "-show_entries", "stream=codec_name", "-of", "csv=p=0", path).Trim().TrimEnd(',');
        var d = Ffmpeg.Probe("-show_entries", "format=duration", "-of", "csv=p=0", path).Trim();
        var rate = v[3].Split('/');
        return (int.Parse(v[1], CultureInfo.InvariantCulture), int.Parse(v[2], CultureInfo.InvariantCulture),
            Math.Round(double.Parse(rate[0], CultureInfo.InvariantCulture) / double.Parse(rate[1], CultureInfo.InvariantCulture), 2),
            double.Parse(d, CultureInfo.InvariantCulture), v[0], a);
    }
}
