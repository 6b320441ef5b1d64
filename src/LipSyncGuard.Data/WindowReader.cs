using System.Runtime.CompilerServices;

namespace LipSyncGuard.Data;

/// <summary>Streams <see cref="SampleWindow"/>s of preprocessed items from a <see cref="FeatureCache"/>, one cache file
/// at a time; it never decodes video. Items without an entry (never preprocessed, or skipped as corrupt) are listed in
/// <see cref="Missing"/>.</summary>
public sealed class WindowReader
{
    private readonly FeatureCache _cache;
    private readonly WindowOptions _windows;
    private readonly List<DatasetItem> _missing = [];

    /// <summary>Creates a reader over <paramref name="cache"/>.</summary>
    public WindowReader(FeatureCache cache, WindowOptions? windows = null)
    {
        ArgumentNullException.ThrowIfNull(cache);
        _cache = cache;
        _windows = (windows ?? WindowOptions.Default).Validate();
    }

    /// <summary>Items that had no cache entry in the last read.</summary>
    public IReadOnlyList<DatasetItem> Missing => _missing;

    /// <summary>The windows of <paramref name="items"/>, in item order.</summary>
    public async IAsyncEnumerable<SampleWindow> ReadAsync(IReadOnlyList<DatasetItem> items, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(items);
        _missing.Clear();
        foreach (var item in items)
        {
            var video = await _cache.TryLoadAsync(item, cancellationToken).ConfigureAwait(false);
            if (video is null)
            {
                _missing.Add(item);
                continue;
            }
            foreach (var window in video.Windows(_windows)) yield return window;
        }
    }
}
