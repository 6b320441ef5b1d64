using LipSyncGuard.Detection.Cues;
using LipSyncGuard.Testing;
using Xunit;

namespace LipSyncGuard.Detection.Tests;

public sealed class MouthEmbedderTests
{
    private static readonly string Models = Path.Combine(SharedMedia.RepositoryRoot, MouthEmbedder.DefaultDirectory);

    private static float[] Embed(MouthEmbedder embedder, byte[] crop)
    {
        var features = new float[MouthEmbedder.Dimensions];
        embedder.Embed(crop, 96, features);
        return features;
    }

    private static double Cosine(float[] a, float[] b) =>
        1 - (a.Zip(b, (x, y) => (double)x * y).Sum() / Math.Sqrt(a.Sum(x => (double)x * x) * b.Sum(x => (double)x * x)));

    [Fact]
    public void Embed_SameCropTwice_SameFiniteNonNegativeFeatures()
    {
        using var embedder = new MouthEmbedder(Models);
        var crop = SampleFrames.MouthCrop("real_vox2_00015.mp4", 1.0);

        var first = Embed(embedder, crop);
        var second = Embed(embedder, crop);

        Assert.Equal(first, second);
        // Global-average-pooled ReLU activations: finite, non-negative, not all zero.
        Assert.All(first, v => Assert.True(float.IsFinite(v) && v >= 0));
        Assert.True(first.Count(v => v > 0) > 100, $"{first.Count(v => v > 0)} active features");
    }

    [Fact]
    public void Embed_TwoMomentsOfOneFace_CloserThanAnotherPersonsFace()
    {
        using var embedder = new MouthEmbedder(Models);
        var a = Embed(embedder, SampleFrames.MouthCrop("real_vox2_00015.mp4", 1.0));
        var b = Embed(embedder, SampleFrames.MouthCrop("real_vox2_00015.mp4", 1.2));
        var other = Embed(embedder, SampleFrames.MouthCrop("fake_wav2liphq_haroon.mp4", 1.0));

        Assert.True(Cosine(a, b) < Cosine(a, other), $"same face {Cosine(a, b):0.000}, other face {Cosine(a, other):0.000}");
    }

    [Fact]
    public void Constructor_MissingFolder_NamesSetup()
    {
        using var dir = new TempDir();

        var error = Assert.Throws<FileNotFoundException>(() => new MouthEmbedder(dir.Path));

        Assert.Contains("setup.sh", error.Message);
    }
}
