using LipSyncGuard.Media;
using LipSyncGuard.Sync.Extraction;

namespace LipSyncGuard.Data;

/// <summary>Extracts (through the cache) the sync input of every item; a corrupt or faceless file is reported, never fatal.</summary>
public static class SyncTrackCollector
{
    /// <summary>One result per item, in order; <paramref name="progress"/> gets (done, total, current file).</summary>
    public static async Task<IReadOnlyList<ExtractedTrack>> CollectAsync(
        IReadOnlyList<DatasetItem> items, SignalExtractor extractor, SyncTrackCache cache,
        IProgress<(int Done, int Total, string File)>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(items);
        var results = new List<ExtractedTrack>(items.Count);
        for (var i = 0; i < items.Count; i++)
        {
            var item = items[i];
            progress?.Report((i, items.Count, Path.GetFileName(item.Path)));
            try
            {
                var track = await cache.GetOrExtractAsync(extractor, item.Path, item.AudioPath, cancellationToken).ConfigureAwait(false);
                results.Add(new ExtractedTrack(item, track, track is null ? "no face track" : null));
            }
            catch (MediaException e)
            {
                results.Add(new ExtractedTrack(item, null, $"{e.CodeName}: {e.Message}"));
            }
            catch (IOException e)
            {
                results.Add(new ExtractedTrack(item, null, $"unreadable: {e.Message}"));
            }
        }
        progress?.Report((items.Count, items.Count, ""));
        return results;
    }
}
