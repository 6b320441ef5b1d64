using System.Collections.Concurrent;
using LipSyncGuard.Detection.Cues;
using LipSyncGuard.Sync.Extraction;

namespace LipSyncGuard.Analysis;

/// <summary>Embeds, while the frame pass still runs, the mouth crops <see cref="MouthAppearance"/> is predicted to sample
/// from each face, on one encoder session and the core the pass leaves idle, so that the face's traces after the pass find
/// most of their 16 features ready (the encoder is most of the judging's cost). Which frames are sampled depends on how
/// many frames of the finished face are trusted (<see cref="MouthAppearance.SampledTrusted"/>): a face trusted on every
/// frame so far is taken to stay trusted to the end of the clip (a face filling the frame does: all 16 predicted), else
/// only the first run, which does not depend on the total, is taken. A miss is embedded after the pass as before, from the
/// same crop by the same model, so the features, and the verdict, are the same either way. Single use:
/// <see cref="StopAsync"/> ends it, then dispose it.</summary>
internal sealed class MouthPrefetch : IDisposable
{
    /// <summary>Crops waiting for the encoder: while it is busy, further predictions are dropped (left to the pass after)
    /// rather than held.</summary>
    private const int Queued = 8;

    private readonly int _maxFrames;
    private readonly Dictionary<int, (int Seen, int Trusted)> _faces = [];
    private readonly Dictionary<int, Dictionary<int, float[]>> _embedded = [];
    private readonly BlockingCollection<(int Track, int Frame, int Size, byte[] Crop)> _queue = new(Queued);
    private readonly CancellationTokenSource _stop;
    private readonly Task _worker;

    /// <summary>Starts the encoder's thread: with the first crop it takes a session from <paramref name="rent"/> (which may
    /// wait for the sessions to load) and hands it to <paramref name="giveBack"/> when stopped. Faces longer than
    /// <paramref name="maxFrames"/>, whose trace sample is cut into runs (<see cref="TrackCrops.Sample"/>), are left to the
    /// pass after.</summary>
    public MouthPrefetch(Func<MouthEmbedder> rent, Action<MouthEmbedder> giveBack, int maxFrames, CancellationToken cancellationToken)
    {
        _maxFrames = maxFrames;
        _stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var stop = _stop.Token;
        // Its own thread: it waits on the encoder's load and on the queue for the whole pass, which would hold one of the
        // few pool threads the pass's stages run on.
        _worker = Task.Factory.StartNew(() => Embed(rent, giveBack, stop), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
    }

    /// <summary>Called on the frame pass's measuring stage when <paramref name="track"/> has stored a frame (see
    /// <see cref="SignalExtractor.ExtractAsync(Media.FrameStream, string?, Faces.FaceAnalysisOptions?, IProgress{double}?, Action{TrackSignals, long}?, CancellationToken)"/>): queues the crops of its new frames that the sample is predicted to
    /// pick, the face taken to last until the clip's <paramref name="expectedFrames"/>.</summary>
    public void Stored(TrackSignals track, long expectedFrames)
    {
        var (seen, trusted) = _faces.GetValueOrDefault(track.TrackId);
        var length = expectedFrames - track.StartFrame;
        for (; seen < track.Length; seen++)
        {
            var steady = trusted == seen;
            if (!track.Valid[seen]) continue;
            var rank = trusted++;
            if (length > _maxFrames || seen >= track.CropFrames) continue;
            // While every frame so far is trusted, the face is taken to stay so to the end of the clip, which fixes every
            // rank the sample picks; after an untrusted one, only the first run's (0, 3, 6, 9 whatever the total): a guess
            // of the total from the share trusted so far moves the later runs by a frame or two, which misses them all.
            var ranks = MouthAppearance.SampledTrusted((int)length);
            var sure = steady ? ranks.Length : Math.Min(ranks.Length, MouthAppearance.RunLength);
            if (Array.IndexOf(ranks, rank, 0, sure) >= 0) _queue.TryAdd((track.TrackId, seen, track.CropSize, track.ReadCrops(seen, 1)));
        }
        _faces[track.TrackId] = (seen, trusted);
    }

    /// <summary>Stops the encoder (after the crop it is on), gives its session back and returns what it embedded: per
    /// face, features by frame, for the faces whose trace sample is the whole face.</summary>
    public async Task<IReadOnlyDictionary<int, IReadOnlyDictionary<int, float[]>>> StopAsync()
    {
        _queue.CompleteAdding();
        await _stop.CancelAsync().ConfigureAwait(false);
        try
        {
            await _worker.ConfigureAwait(false);
        }
        catch (Exception)
        {
            // Cancelled, or the encoder failed to load: every crop is then embedded after the pass, which reports the error.
        }
        return _embedded.Where(e => _faces[e.Key].Seen <= _maxFrames)
            .ToDictionary(e => e.Key, e => (IReadOnlyDictionary<int, float[]>)e.Value);
    }

    /// <summary>Releases the queue and the stop signal (after <see cref="StopAsync"/>).</summary>
    public void Dispose()
    {
        _stop.Dispose();
        _queue.Dispose();
    }

    private void Embed(Func<MouthEmbedder> rent, Action<MouthEmbedder> giveBack, CancellationToken cancellationToken)
    {
        MouthEmbedder? encoder = null;
        try
        {
            foreach (var (track, frame, size, crop) in _queue.GetConsumingEnumerable(cancellationToken))
            {
                // Rented with the first crop: the sessions are loaded once a face has been measured, not before the first frame.
                encoder ??= rent();
                var features = new float[MouthEmbedder.Dimensions];
                encoder.Embed(crop, size, features);
                if (!_embedded.TryGetValue(track, out var face)) _embedded[track] = face = [];
                face[frame] = features;
            }
        }
        finally
        {
            if (encoder is not null) giveBack(encoder);
        }
    }
}
