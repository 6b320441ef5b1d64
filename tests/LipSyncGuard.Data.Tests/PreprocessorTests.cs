using System.Diagnostics;
using LipSyncGuard.Testing;
using Xunit;
using Xunit.Abstractions;

namespace LipSyncGuard.Data.Tests;

public sealed class PreprocessorTests(ITestOutputHelper output)
{
    [SkippableFact]
    public async Task RunAsync_AvlipsTwice_SecondPassFromCacheAtLeast5xFaster()
    {
        var items = Dataset.Load(SharedMedia.Require("avlips"));
        using var dir = new TempDir();
        var cache = new FeatureCache(dir.Path);

        var first = await Preprocessor.RunAsync(items, cache, workers: 2);
        var clock = Stopwatch.StartNew();
        var second = await Preprocessor.RunAsync(items, cache, workers: 2);
        var windows = new List<SampleWindow>();
        var missing = 0;
        foreach (var item in items)
        {
            if (await cache.TryLoadAsync(item) is { } video) windows.AddRange(video.Windows());
            else missing++;
        }
        clock.Stop();

        var ratio = first.Elapsed / clock.Elapsed;
        output.WriteLine($"first pass {first.Elapsed.TotalSeconds:0.00} s ({first.TimesRealtime:0.0}× realtime), cached pass + window read {clock.Elapsed.TotalSeconds:0.000} s: {ratio:0}× faster, {windows.Count} windows");
        Assert.Equal((6, 0, 0), (first.Extracted, first.Cached, first.Skipped.Count));
        Assert.Equal((0, 6), (second.Extracted, second.Cached));
        Assert.True(ratio >= 5, $"cached pass only {ratio:0.0}× faster");
        Assert.Equal(0, missing);
        Assert.Equal(6, windows.Select(w => w.VideoPath).Distinct().Count());
        Assert.All(windows, w => Assert.False(w.Fallback));
        Assert.Equal(3, windows.Where(w => w.Label == 1).Select(w => w.Group).Distinct().Count());
    }

    [Fact]
    public async Task ContentKeyAsync_OtherSettingsOrName_SameKeyOnlyForSameFiles()
    {
        var samples = Path.Combine(SharedMedia.RepositoryRoot, "samples");
        using var dir = new TempDir();
        var twin = Path.Combine(dir.Path, "renamed.mp4");
        File.Copy(Path.Combine(samples, "real_vox2_00015.mp4"), twin);
        var item = new DatasetItem(Path.Combine(samples, "real_vox2_00015.mp4"), 0, "vox2_00015", "real", "", null);
        var other = new DatasetItem(Path.Combine(samples, "fake_wav2liphq_haroon.mp4"), 1, "haroon", "lipsync", "", null);

        var key = await FeatureCache.ContentKeyAsync(item);

        // The folds are keyed on it: a change of extraction settings moves the cache entry, never the key.
        Assert.NotEqual(await new FeatureCache(dir.Path).EntryPathAsync(item), await new FeatureCache(dir.Path, PreprocessOptions.Default with { KeyFrameEvery = 10 }).EntryPathAsync(item));
        Assert.Equal(key, await FeatureCache.ContentKeyAsync(item with { Path = twin, Group = "elsewhere" }));
        Assert.NotEqual(key, await FeatureCache.ContentKeyAsync(other));
        Assert.DoesNotContain(key, await new FeatureCache(dir.Path).EntryPathAsync(item), StringComparison.Ordinal);
    }

    [Fact]
    public async Task EntryPathAsync_Following_OwnEntryWhileSearchingEveryFrameKeepsEarlierKeys()
    {
        var video = Path.Combine(SharedMedia.RepositoryRoot, "samples", "real_vox2_00015.mp4");
        var item = new DatasetItem(video, 0, "vox2_00015", "real", "", null);
        using var dir = new TempDir();

        var searched = await new FeatureCache(dir.Path).EntryPathAsync(item);
        var explicitSearch = await new FeatureCache(dir.Path, PreprocessOptions.Default with { KeyFrameEvery = 1 }).EntryPathAsync(item);
        var followed = await new FeatureCache(dir.Path, PreprocessOptions.Default with { KeyFrameEvery = 10 }).EntryPathAsync(item);

        Assert.Equal(searched, explicitSearch);
        Assert.NotEqual(searched, followed);
        Assert.DoesNotContain("key", PreprocessOptions.Default.Fingerprint());
        Assert.Equal(10, (PreprocessOptions.Default with { KeyFrameEvery = 10 }).ToExtractorOptions().Faces.KeyFrameEvery);
        // Entries followed on detector crops (before stop 30, "|key10") are not read as ones followed by points.
        Assert.EndsWith("|key10points", (PreprocessOptions.Default with { KeyFrameEvery = 10 }).Fingerprint(), StringComparison.Ordinal);
        Assert.True((PreprocessOptions.Default with { KeyFrameEvery = 10 }).ToExtractorOptions().Faces.FollowByPoints);
        Assert.Throws<ArgumentOutOfRangeException>(() => (PreprocessOptions.Default with { KeyFrameEvery = 0 }).Validate());
    }

    [SkippableFact]
    public async Task FeatureCache_CachedEntry_SameWindowsAsFreshExtraction()
    {
        var item = Dataset.Load(SharedMedia.Require("avlips")).First(i => i.IsFake);
        using var dir = new TempDir();
        var cache = new FeatureCache(dir.Path);
        using var extractor = new WindowExtractor();

        var (fresh, hit) = await cache.GetOrExtractAsync(extractor, item);
        var cached = await cache.TryLoadAsync(item);

        Assert.False(hit);
        Assert.NotNull(cached);
        var a = fresh.Windows().ToList();
        var b = cached.Windows().ToList();
        Assert.Equal(a.Count, b.Count);
        Assert.All(a.Zip(b), p =>
        {
            Assert.Equal(p.First.Crops, p.Second.Crops);
            Assert.Equal(p.First.Mel, p.Second.Mel);
            Assert.Equal(p.First.Lips, p.Second.Lips);
        });
        // The head positions travel with the track: the head-motion cue reads them from the cache when fitting.
        Assert.All(fresh.Tracks.Zip(cached.Tracks), p =>
        {
            Assert.NotNull(p.First.Head);
            Assert.Equal(p.First.Length * PreprocessedTrack.HeadWidth, p.First.Head!.Length);
            Assert.Equal(p.First.Head, p.Second.Head);
            // And the forehead comparisons (NaN where none was made), which the forehead cue reads.
            Assert.NotNull(p.First.Forehead);
            Assert.Equal(p.First.Length, p.First.Forehead!.Length);
            Assert.Equal(p.First.Forehead, p.Second.Forehead);
            // And the face's size, which the evaluation compares fakes and reals by.
            Assert.Equal(p.First.EyeDistance, p.Second.EyeDistance);
        });
        Assert.Contains(cached.Tracks, t => !t.Fallback && t.MedianEyeDistance() > 10);
        Assert.Contains(cached.Tracks, t => !t.Fallback && t.Head!.Any(v => v != 0));
        // So do the speech embeddings the sync measure reads, at the precision the cache keeps.
        Assert.Equal(fresh.FrameCount * LipSyncGuard.Audio.SpeechEmbedder.Dimensions, cached.Embedding.Length);
        Assert.Equal(fresh.Embedding, cached.Embedding);
        Assert.Single(Directory.EnumerateFiles(dir.Path));
    }

    [SkippableFact]
    public void Split_Avlips_PairsNeverOnBothSides()
    {
        var items = Dataset.Load(SharedMedia.Require("avlips"));

        var (train, validation) = GroupSplit.TrainValidation(items, 0.34, seed: 1);

        Assert.NotEmpty(validation);
        Assert.Empty(train.Select(i => i.Group).Intersect(validation.Select(i => i.Group)));
        Assert.Equal(items.Count, train.Count + validation.Count);
    }

    [Fact]
    public async Task RunAsync_CorruptFile_SkippedAndReported()
    {
        using var dir = new TempDir();
        Directory.CreateDirectory(dir.File("0_real"));
        Directory.CreateDirectory(dir.File("1_fake"));
        FlashClickClip.Create(dir.File(Path.Combine("0_real", "1.mkv")));
        await File.WriteAllBytesAsync(dir.File(Path.Combine("1_fake", "1.mp4")), [.. Enumerable.Range(0, 4096).Select(i => (byte)(i * 37))]);
        var items = Dataset.Load(dir.Path);
        var cache = new FeatureCache(dir.File("cache"));

        var report = await Preprocessor.RunAsync(items, cache);

        Assert.Equal(1, report.Extracted);
        var skipped = Assert.Single(report.Skipped);
        Assert.EndsWith("1.mp4", skipped.Item.Path, StringComparison.Ordinal);
        Assert.False(string.IsNullOrWhiteSpace(skipped.Reason));
        Assert.Single(Directory.EnumerateFiles(cache.Directory));
    }
}
