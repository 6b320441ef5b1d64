using LipSyncGuard.Media;
using LipSyncGuard.Testing;
using Xunit;
using Xunit.Abstractions;

namespace LipSyncGuard.Audio.Tests;

public sealed class SpeechEmbedderTests(ITestOutputHelper output) : IDisposable
{
    private readonly SpeechEmbedder _embedder = new();
    private readonly AudioDecoder _decoder = new();
    private readonly TempDir _dir = new("lsg-embed-");

    [SkippableFact]
    public async Task Embed_MoreFramesThanKept_SameLeadingRows()
    {
        // The extractor embeds a second past the probed length while the frames decode, then keeps what the pass found.
        var clip = await _decoder.DecodeAsync(SharedMedia.Require(SharedMedia.Vox));

        var exact = _embedder.Embed(clip, 101, 25);
        var longer = _embedder.Embed(clip, 126, 25);

        Assert.Equal(101 * SpeechEmbedder.Dimensions, exact.Length);
        Assert.Equal(exact, longer[..exact.Length]);
        Assert.All(exact, v => Assert.True(float.IsFinite(v)));
    }

    [SkippableFact]
    public async Task Embed_ClipCutAt20Seconds_SameEmbeddingForTheSameMoment()
    {
        // 45 s of interview speech: the front end runs in 30 s chunks, so the full clip's frame at 40 s comes from its
        // second chunk and the cut clip's from its first. The same moment must read the same whatever the chunking.
        var source = SharedMedia.Require(SharedMedia.Vox);
        var full = _dir.File("full.wav");
        Ffmpeg.Run("-stream_loop", "-1", "-i", source, "-vn", "-ac", "1", "-ar", "16000", "-t", "45", full);
        var clip = await _decoder.DecodeAsync(full);
        var cut = new AudioClip(clip.Samples[(20 * 16000)..], 16000);

        var whole = _embedder.Embed(clip, 1125, 25);
        var later = _embedder.Embed(cut, 625, 25);

        const int frame = 1000, d = SpeechEmbedder.Dimensions;
        var a = whole.AsSpan(frame * d, d).ToArray();
        var b = later.AsSpan((frame - 500) * d, d).ToArray();
        output.WriteLine($"max |Δ| {a.Zip(b, (x, y) => Math.Abs(x - y)).Max():G3}, max |x| {a.Max(Math.Abs):G3}");
        Assert.Equal(a, b, (x, y) => Math.Abs(x - y) <= 1e-3f * (1 + Math.Abs(x)));
    }

    [SkippableFact]
    public async Task Embed_SpeechThenSilence_ChangesOverSpeechNotOverSilence()
    {
        // 3 s of speech, then 3 s of silence: what is said changes from frame to frame, silence says the same throughout.
        var speech = await _decoder.DecodeAsync(SharedMedia.Require(SharedMedia.Vox), TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(3));
        var samples = new float[6 * 16000];
        speech.Samples.AsSpan(0, Math.Min(3 * 16000, speech.Samples.Length)).CopyTo(samples);

        var rows = _embedder.Embed(new AudioClip(samples, 16000), 150, 25);

        // Frames whose 0.76 s windows lie wholly inside one part.
        var overSpeech = Change(rows, 10, 65);
        var overSilence = Change(rows, 85, 140);
        output.WriteLine($"mean change 0.2 s apart: speech {overSpeech:G3}, silence {overSilence:G3}");
        Assert.True(overSpeech > 10 * overSilence, $"speech {overSpeech:G3} vs silence {overSilence:G3}");
    }

    [Fact]
    public void Embed_NotSixteenKilohertz_Throws()
    {
        var clip = new AudioClip(new float[44100], 44100);

        Assert.Throws<ArgumentException>(() => _embedder.Embed(clip, 25, 25));
    }

    [Fact]
    public void Constructor_MissingModels_NamesSetup()
    {
        var e = Assert.Throws<FileNotFoundException>(() => new SpeechEmbedder(new SpeechEmbedderOptions { ModelDirectory = _dir.Path }));

        Assert.Contains("./setup.sh", e.Message, StringComparison.Ordinal);
    }

    /// <summary>Mean Euclidean distance between embeddings 5 frames apart over frames [from, to).</summary>
    private static double Change(float[] rows, int from, int to)
    {
        const int d = SpeechEmbedder.Dimensions;
        double sum = 0;
        for (var t = from; t + 5 < to; t++)
        {
            double s = 0;
            for (var j = 0; j < d; j++) s += Math.Pow(rows[(t * d) + j] - rows[((t + 5) * d) + j], 2);
            sum += Math.Sqrt(s);
        }
        return sum / (to - from - 5);
    }

    public void Dispose()
    {
        _embedder.Dispose();
        _dir.Dispose();
    }
}
