using System.Runtime.CompilerServices;
using LipSyncGuard.Data;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace LipSyncGuard.Training;

/// <summary>The one way the training commands get windows: every item missing from the <see cref="FeatureCache"/> is
/// preprocessed once (<see cref="Preprocessor"/>, resumable), then windows are cut from the cached entries; nothing here
/// decodes video itself.</summary>
public static class WindowSource
{
    /// <summary>Preprocesses what <paramref name="cache"/> lacks of <paramref name="items"/> (cached items are only
    /// hashed) and returns the report; unreadable items are logged and skipped.</summary>
    public static async Task<PreprocessReport> PrepareAsync(
        IReadOnlyList<DatasetItem> items, FeatureCache cache, WindowSourceOptions? options = null, ILogger? logger = null,
        IProgress<(int Done, int Total, string File)>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(items);
        ArgumentNullException.ThrowIfNull(cache);
        var o = (options ?? WindowSourceOptions.Default).Validate();
        var log = logger ?? NullLogger.Instance;
        var report = await Preprocessor.RunAsync(items, cache, o.Workers, progress: progress, cancellationToken: cancellationToken).ConfigureAwait(false);
        foreach (var skipped in report.Skipped) log.LogWarning("skipped {Video}: {Reason}", skipped.Item.Path, skipped.Reason);
        log.LogInformation("preprocessing: {Extracted} extracted, {Cached} cached, {Skipped} skipped in {Seconds:0.0} s → {Cache}",
            report.Extracted, report.Cached, report.Skipped.Count, report.Elapsed.TotalSeconds, cache.Directory);
        return report;
    }

    /// <summary>The windows of <paramref name="items"/> in item order, read from <paramref name="cache"/> only (call
    /// <see cref="PrepareAsync"/> first); at most <see cref="WindowSourceOptions.MaxWindowsPerVideo"/> per video, evenly
    /// spread, each real one followed by its <see cref="AudioNegatives.Shifted"/> twin when
    /// <see cref="WindowSourceOptions.ShiftNegatives"/> is on. Items without an entry are logged and skipped.</summary>
    public static async IAsyncEnumerable<SampleWindow> ReadAsync(
        IReadOnlyList<DatasetItem> items, FeatureCache cache, WindowSourceOptions? options = null, ILogger? logger = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(items);
        ArgumentNullException.ThrowIfNull(cache);
        var o = (options ?? WindowSourceOptions.Default).Validate();
        var log = logger ?? NullLogger.Instance;
        var windowOptions = o.ToWindowOptions();
        var random = new Random(o.Seed);
        foreach (var item in items)
        {
            if (await cache.TryLoadAsync(item, cancellationToken).ConfigureAwait(false) is not { } video)
            {
                log.LogWarning("no cache entry for {Video} (unreadable or not preprocessed): skipped", item.Path);
                continue;
            }
            // Thin the cut points first: each window copies its crops, and long clips have many more than are kept.
            var starts = video.WindowStarts(windowOptions);
            foreach (var index in Thin(starts.Count, o.MaxWindowsPerVideo))
            {
                var window = video.Window(starts[index].Track, starts[index].Offset, windowOptions.Frames);
                yield return window;
                if (o.ShiftNegatives && window.Label == 0 && !window.Fallback && AudioNegatives.Shifted(video, window, random) is { } shifted)
                    yield return shifted;
            }
        }
    }

    /// <summary>Indices of <paramref name="count"/> windows evenly thinned to at most <paramref name="max"/>.</summary>
    internal static IEnumerable<int> Thin(int count, int max)
    {
        if (count <= max) return Enumerable.Range(0, count);
        return Enumerable.Range(0, max).Select(i => (int)((long)i * count / max));
    }
}
