using LipSyncGuard.Testing;
using LipSyncGuard.Testing.Reliability;
using Xunit;

namespace LipSyncGuard.Reliability.Tests;

/// <summary>CI-sized seeded mutation fuzzing of the media layer (the full size is <c>bench … reliability --fuzz-cases N</c>).</summary>
public sealed class MutationFuzzTests
{
    private const int Cases = 60;

    [Fact]
    public async Task ProbeAndDecode_SeededMutations_NoCrashNoHangNothingLeft()
    {
        using var work = new TempDir("lsg-fuzz-");
        var sources = Sources(work);

        var report = await MutationFuzzer.RunAsync(sources, Cases, seed: 20240601, TimeSpan.FromSeconds(30), work.Path);

        Assert.True(report.Crashes.Count == 0, "crashes:\n" + string.Join("\n", report.Crashes));
        Assert.True(report.Hangs.Count == 0, "hangs:\n" + string.Join("\n", report.Hangs));
        Assert.Equal(0, report.LeftoverProcesses);
        Assert.Equal(Cases, report.Read + report.Refused.Values.Sum());
        // Mutations must reach the decoders, not only bounce off the prober: some files still decode.
        Assert.True(report.Read > 0, "no mutated file was readable: the fuzzer only exercises the refusal path");
        Assert.Empty(Directory.EnumerateFiles(work.Path, "fuzz-*"));
    }

    [Fact]
    public void Mutate_SameSeed_SameBytes()
    {
        var source = Enumerable.Range(0, 4096).Select(i => (byte)i).ToArray();

        var a = MutationFuzzer.Mutate(source, new Random(7));
        var b = MutationFuzzer.Mutate(source, new Random(7));

        Assert.Equal(a.Bytes, b.Bytes);
        Assert.Equal(a.What, b.What);
        Assert.NotEqual(source, a.Bytes);
    }

    /// <summary>The bundled sample, an MPEG-PS remux of it and a Matroska one (other demuxers), and shared clips when present.</summary>
    private static List<string> Sources(TempDir work)
    {
        var sample = Path.Combine(SharedMedia.RepositoryRoot, "samples", "real_vox2_00015.mp4");
        var short4 = work.File("src-vox.mp4");
        Ffmpeg.Run("-t", "3", "-i", sample, "-c", "copy", short4);
        var mkv = work.File("src-vox.mkv");
        Ffmpeg.Run("-i", short4, "-c", "copy", mkv);
        var sources = new List<string> { short4, mkv };
        if (SharedMedia.Available && File.Exists(Path.Combine(SharedMedia.Root!, SharedMedia.Grid))) sources.Add(Path.Combine(SharedMedia.Root!, SharedMedia.Grid));
        else
        {
            var mpg = work.File("src-vox.mpg");
            Ffmpeg.Run("-i", short4, "-c:v", "mpeg1video", "-c:a", "mp2", "-f", "mpeg", mpg);
            sources.Add(mpg);
        }
        return sources;
    }
}
