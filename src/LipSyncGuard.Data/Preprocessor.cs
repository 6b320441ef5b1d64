using System.Collections.Concurrent;
using System.Diagnostics;
using LipSyncGuard.Faces.Landmarks;
using LipSyncGuard.Media;

namespace LipSyncGuard.Data;

/// <summary>Fills a <see cref="FeatureCache"/> for a list of items with <c>workers</c> extractors in parallel (sharing one
/// landmark model); cached items are only hashed; a corrupt or unreadable item is skipped and reported, never fatal.</summary>
public static class Preprocessor
{
    /// <summary>Preprocesses <paramref name="items"/>; <paramref name="progress"/> gets (done, total, last file) after each item.</summary>
    public static async Task<PreprocessReport> RunAsync(
        IReadOnlyList<DatasetItem> items, FeatureCache cache, int workers = 1, MediaLimits? limits = null,
        IProgress<(int Done, int Total, string File)>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(items);
        ArgumentNullException.ThrowIfNull(cache);
        ArgumentOutOfRangeException.ThrowIfLessThan(workers, 1);
        var clock = Stopwatch.StartNew();
        cache.RemoveStaleTemporaryFiles();
        var skipped = new ConcurrentBag<(int Index, SkippedItem Skip)>();
        var pool = new ConcurrentBag<WindowExtractor>();
        var landmarks = new Lazy<LandmarkDetector>(() => LandmarkDetector.Load(cache.Options.ToExtractorOptions().Landmarks));
        int done = 0, extracted = 0, hits = 0, tracks = 0, fallbacks = 0;
        long mediaMicroseconds = 0;
        try
        {
            await Parallel.ForEachAsync(Enumerable.Range(0, items.Count), new ParallelOptions { MaxDegreeOfParallelism = workers, CancellationToken = cancellationToken },
                async (index, ct) =>
                {
                    var item = items[index];
                    try
                    {
                        // Extractors (ONNX sessions) are made lazily: a fully cached run loads no model.
                        var (video, hit) = await GetAsync(cache, item, pool, landmarks, limits, ct).ConfigureAwait(false);
                        Interlocked.Increment(ref hit ? ref hits : ref extracted);
                        Interlocked.Add(ref tracks, video.Tracks.Count);
                        if (video.Tracks.Any(t => t.Fallback)) Interlocked.Increment(ref fallbacks);
                        Interlocked.Add(ref mediaMicroseconds, (long)(video.DurationSeconds * 1e6));
                    }
                    catch (MediaException e)
                    {
                        skipped.Add((index, new SkippedItem(item, $"{e.CodeName}: {e.Message}")));
                    }
                    catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                    {
                        skipped.Add((index, new SkippedItem(item, $"unreadable: {e.Message}")));
                    }
                    progress?.Report((Interlocked.Increment(ref done), items.Count, Path.GetFileName(item.Path)));
                }).ConfigureAwait(false);
        }
        finally
        {
            foreach (var extractor in pool) extractor.Dispose();
        }
        return new PreprocessReport(items.Count, extracted, hits, [.. skipped.OrderBy(s => s.Index).Select(s => s.Skip)], clock.Elapsed,
            mediaMicroseconds / 1e6, tracks, fallbacks);
    }

    private static async Task<(PreprocessedVideo Video, bool Hit)> GetAsync(
        FeatureCache cache, DatasetItem item, ConcurrentBag<WindowExtractor> pool, Lazy<LandmarkDetector> landmarks, MediaLimits? limits, CancellationToken cancellationToken)
    {
        if (!File.Exists(item.Path)) throw new MediaException(MediaErrorCode.NotFound, $"'{item.Path}' does not exist");
        if (await cache.TryLoadAsync(item, cancellationToken).ConfigureAwait(false) is { } cached) return (cached, true);
        if (!pool.TryTake(out var extractor)) extractor = new WindowExtractor(cache.Options, landmarks.Value);
        try
        {
            return await cache.GetOrExtractAsync(extractor, item, limits, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            pool.Add(extractor);
        }
    }
}
