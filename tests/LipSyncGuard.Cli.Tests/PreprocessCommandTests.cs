using LipSyncGuard.Data;
using LipSyncGuard.Testing;
using Xunit;

namespace LipSyncGuard.Cli.Tests;

/// <summary><c>lipsync preprocess</c> killed with SIGKILL part-way: the cache keeps only whole entries and a rerun resumes.</summary>
[Collection(AvLipsCacheFixture.Collection)]
public sealed class PreprocessCommandTests(AvLipsCacheFixture avlips)
{
    [SkippableFact]
    public async Task Preprocess_KilledMidRun_RerunResumesAndNoEntryIsCorrupt()
    {
        var data = SharedMedia.Require("avlips");
        using var dir = new TempDir();
        var cacheDir = dir.File("cache");
        var items = Dataset.Load(data);
        var cache = new FeatureCache(cacheDir);
        // Seed the fresh cache with half of the fixture's entries (same content hash), so the killed run and the rerun
        // extract only the other half: the test stays CI-sized.
        foreach (var entry in Directory.EnumerateFiles(avlips.CacheDirectory, "*.lsgw").Order(StringComparer.Ordinal).Take(items.Count / 2))
            File.Copy(entry, Path.Combine(cacheDir, Path.GetFileName(entry)));
        var seeded = items.Count / 2;

        using (var child = LipsyncChild.Start("preprocess", "--data-dir", data, "--cache-dir", cacheDir, "--workers", "1"))
        {
            var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(2);
            while (!child.HasExited && DateTime.UtcNow < deadline && Directory.EnumerateFiles(cacheDir, "*.lsgw").Count() < seeded + 1) await Task.Delay(10);
            Assert.False(child.HasExited, "preprocess finished before it could be killed:\n" + child.Output);
            // Land the kill inside the next extraction (decode or the entry write), not between videos.
            await Task.Delay(300);
            child.Kill();
        }
        var entries = Directory.EnumerateFiles(cacheDir, "*.lsgw").Count();
        var loadable = 0;
        foreach (var item in items)
        {
            if (await cache.TryLoadAsync(item) is not null) loadable++;
        }
        Assert.InRange(entries, seeded + 1, items.Count - 1);
        Assert.Equal(entries, loadable);

        var rerun = await LipsyncProcess.RunAsync("preprocess", "--data-dir", data, "--cache-dir", cacheDir, "--workers", "2");

        Assert.True(rerun.ExitCode == 0, rerun.Stdout + rerun.Stderr);
        Assert.Contains($"{items.Count - entries} extracted, {entries} cached, 0 skipped", rerun.Stdout);
        foreach (var item in items) Assert.NotNull(await cache.TryLoadAsync(item));
        Assert.Equal(items.Count, Directory.EnumerateFiles(cacheDir, "*.lsgw").Count());
        // A temp file the killed run left half-written is swept by the rerun.
        Assert.Empty(Directory.EnumerateFiles(cacheDir, "*.tmp"));
    }
}
