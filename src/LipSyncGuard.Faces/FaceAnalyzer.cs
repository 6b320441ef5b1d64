using System.Diagnostics;
using LipSyncGuard.Media;

namespace LipSyncGuard.Faces;

/// <summary>Detect → track → select over a frame stream or a still image. Uses a caller-owned detector.</summary>
public sealed class FaceAnalyzer
{
    private readonly FaceDetector _detector;

    /// <summary>Creates an analyzer over <paramref name="detector"/> (not disposed by the analyzer).</summary>
    public FaceAnalyzer(FaceDetector detector, FaceAnalysisOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(detector);
        _detector = detector;
        Options = (options ?? FaceAnalysisOptions.Default).Validate();
    }

    /// <summary>The validated options.</summary>
    public FaceAnalysisOptions Options { get; }

    /// <summary>Scans <paramref name="frames"/>, disposing each after use. <paramref name="onFrame"/>, when given, sees
    /// each frame with its live tracks before the frame is disposed (for drawing).</summary>
    public async Task<FaceAnalysis> AnalyzeAsync(
        IAsyncEnumerable<VideoFrame> frames, Action<VideoFrame, IReadOnlyList<TrackSnapshot>>? onFrame = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(frames);
        var tracker = NewTracker();
        long count = 0, runs = 0, withFaces = 0;
        var detect = new Stopwatch();
        var track = new Stopwatch();
        await foreach (var frame in frames.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            using (frame)
            {
                IReadOnlyList<FaceDetection>? found = null;
                if (count % Options.DetectEvery == 0)
                {
                    detect.Start();
                    found = _detector.Detect(ImageView.Of(frame));
                    detect.Stop();
                    runs++;
                    if (found.Count > 0) withFaces++;
                }
                track.Start();
                var live = tracker.Update(frame.Index, found);
                track.Stop();
                onFrame?.Invoke(frame, live);
                count++;
            }
        }
        return Finish(tracker, count, runs, withFaces, detect.Elapsed, track.Elapsed);
    }

    /// <summary>Scans a single still image (one frame, index 0).</summary>
    public FaceAnalysis AnalyzeImage(ImageView image)
    {
        var tracker = NewTracker();
        var detect = Stopwatch.StartNew();
        var found = _detector.Detect(image);
        detect.Stop();
        var track = Stopwatch.StartNew();
        tracker.Update(0, found);
        track.Stop();
        // One frame cannot satisfy a minimum track length, so every face counts.
        return Finish(tracker, 1, 1, found.Count > 0 ? 1 : 0, detect.Elapsed, track.Elapsed, minLength: 1);
    }

    private FaceTracker NewTracker() =>
        // Skipped frames are not misses: a track must survive the detector's own cadence.
        new(Options.Tracker with { MaxGap = Math.Max(Options.Tracker.MaxGap, Options.DetectEvery) });

    private FaceAnalysis Finish(FaceTracker tracker, long count, long runs, long withFaces, TimeSpan detect, TimeSpan track, int? minLength = null)
    {
        var sw = Stopwatch.StartNew();
        var all = tracker.Complete();
        var min = minLength ?? Options.MinTrackLength;
        // Flicker: in a clip long enough to hold a real track, tracks shorter than the minimum or mostly interpolated
        // are false positives (LED patterns, blurred crowds) or faces seen too briefly to analyse; they are dropped
        // before selection and counted.
        var share = TrackSelector.MinDetectedShare / Options.DetectEvery;
        var tracks = count >= min ? all.Where(t => t.Length >= min && t.DetectedFrames >= share * t.Length).ToList() : [.. all];
        var selected = TrackSelector.Select(tracks, Options.Selection, min, share);
        return new FaceAnalysis(tracks, selected, count, runs, withFaces, all.Count - tracks.Count, detect, track + sw.Elapsed);
    }
}
