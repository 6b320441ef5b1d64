using System.Diagnostics;
using LipSyncGuard.Faces.Landmarks;
using LipSyncGuard.Media;

namespace LipSyncGuard.Faces;

/// <summary>Detect → track → select over a frame stream or a still image: a full-frame search on key frames, the
/// tracked faces followed between — from their previous 68 points when given a landmarker, else on detector crops (see
/// <see cref="FaceAnalysisOptions.KeyFrameEvery"/>). Uses a caller-owned detector.</summary>
public sealed class FaceAnalyzer
{
    private readonly FaceDetector _detector;
    private readonly FaceDetector? _ahead;
    private readonly FaceLandmarker? _landmarks;

    /// <summary>Creates an analyzer over <paramref name="detector"/> (not disposed by the analyzer). With a second
    /// detector <paramref name="ahead"/> (its own sessions): with a full-frame search on every detector run
    /// (<see cref="FaceAnalysisOptions.KeyFrameEvery"/> 1), each frame's search depends on that frame alone, so the next
    /// frame's search runs on another core beside this one's tracking and the caller's per-frame work; when following,
    /// a scheduled key frame's search runs beside that frame's follow. The same detections, in the same order.</summary>
    /// <param name="detector">The face detector (not disposed by the analyzer).</param>
    /// <param name="options">Cadence, tracking and selection.</param>
    /// <param name="ahead">A second detector for the other core, or null.</param>
    /// <param name="landmarks">When given (and <see cref="FaceAnalysisOptions.FollowByPoints"/>), faces are followed between key frames by the 68-point cascade from their
    /// previous points (<see cref="FaceLandmarker.Follow"/>, a fraction of a detector run), the detector's crop search
    /// only where the points are implausible, and each followed face is confirmed by the detector on key frames; the
    /// points travel with the detections (<see cref="FaceDetection.Landmarks"/>). Null follows with the detector.</param>
    public FaceAnalyzer(FaceDetector detector, FaceAnalysisOptions? options = null, FaceDetector? ahead = null, FaceLandmarker? landmarks = null)
    {
        ArgumentNullException.ThrowIfNull(detector);
        _detector = detector;
        _ahead = ahead;
        Options = (options ?? FaceAnalysisOptions.Default).Validate();
        _landmarks = Options.FollowByPoints ? landmarks : null;
    }

    /// <summary>The validated options.</summary>
    public FaceAnalysisOptions Options { get; }

    /// <summary>Scans <paramref name="frames"/>, disposing each after use. <paramref name="onFrame"/>, when given, sees
    /// each frame with its live tracks (a list reused for the next frame) before the frame is disposed; the next frame is
    /// read once it completes, so a consumer that queues work for another stage is throttled by that stage.</summary>
    public async Task<FaceAnalysis> AnalyzeAsync(
        IAsyncEnumerable<VideoFrame> frames, Func<VideoFrame, IReadOnlyList<TrackSnapshot>, ValueTask>? onFrame = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(frames);
        if (_ahead is not null && Options.KeyFrameEvery == 1) return await AnalyzeAheadAsync(frames, onFrame, cancellationToken).ConfigureAwait(false);
        var tracker = NewTracker();
        var cuts = new SceneCutDetector();
        var following = new List<TrackedFace>();
        long count = 0, runs = 0, full = 0, withFaces = 0, sinceFull = 0;
        var detect = new Stopwatch();
        var track = new Stopwatch();
        await foreach (var frame in frames.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            using (frame)
            {
                List<FaceDetection>? found = null;
                var cut = false;
                var detectorFrame = count % Options.DetectEvery == 0;
                if (detectorFrame)
                {
                    detect.Start();
                    var keyFrame = sinceFull >= Options.KeyFrameEvery - 1;
                    // A scheduled key frame's search depends on the frame alone: with a second detector it runs on
                    // another core beside the follow (the same detections; awaited before the frame is let go).
                    var early = keyFrame && _ahead is not null && following.Count > 0 ? Task.Run(() => _ahead.Search(ImageView.Of(frame)), CancellationToken.None) : null;
                    List<FaceDetection>? followed;
                    try
                    {
                        // When following, the cut check reads every detector frame, so its signature compares neighbours.
                        cut = Options.KeyFrameEvery > 1 && cuts.IsCut(ImageView.Of(frame));
                        followed = Options.KeyFrameEvery == 1 || cut ? null : Follow(frame, following, both: _ahead is not null && early is null);
                    }
                    catch
                    {
                        if (early is not null) await ((Task)early).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
                        throw;
                    }
                    if (followed is null || keyFrame)
                    {
                        // A key frame finds faces that entered the shot; faces still followed keep their followed
                        // detection, so a track's keypoints (and the mouth crops cut from them) do not jump between two
                        // sources every key frame.
                        // Searched faces are refined once it is known which are new: a followed face keeps its followed
                        // detection, so refining its searched copy (most of a search's cost on small faces) is wasted.
                        IReadOnlyList<FaceDetection> search;
                        if (early is null) search = _detector.Search(ImageView.Of(frame));
                        else search = await early.ConfigureAwait(false);
                        found = followed is null
                            ? search.Select(d => _detector.Refine(ImageView.Of(frame), d)).ToList()
                            : Merge(ImageView.Of(frame), frame.Index, followed, search);
                        full++;
                        sinceFull = 0;
                    }
                    else
                    {
                        found = followed;
                        sinceFull++;
                    }
                    // Following by points starts from points: faces the detector found get theirs here (followed ones
                    // have them, so a followed frame allocates nothing new).
                    if (_landmarks is not null && Options.KeyFrameEvery > 1)
                    {
                        for (var i = 0; i < found.Count; i++) found[i] = _landmarks.WithPoints(ImageView.Of(frame), found[i]);
                    }
                    detect.Stop();
                    runs++;
                    if (found.Count > 0) withFaces++;
                }
                track.Start();
                var live = tracker.Update(frame.Index, found, shotChange: cut);
                if (detectorFrame)
                {
                    following.Clear();
                    foreach (var snapshot in live) following.Add(snapshot.Face);
                }
                track.Stop();
                if (onFrame is not null) await onFrame(frame, live).ConfigureAwait(false);
                count++;
            }
        }
        return Finish(tracker, count, runs, withFaces, detect.Elapsed, track.Elapsed) with { FullFrameRuns = full };
    }

    /// <summary><see cref="AnalyzeAsync"/> with each frame's search started as the frame arrives, the searches on the two
    /// detectors in turn, and the frame tracked once the previous one is done: at most two searches run (the previous
    /// frame's and this one's), each on its own detector.</summary>
    private async Task<FaceAnalysis> AnalyzeAheadAsync(
        IAsyncEnumerable<VideoFrame> frames, Func<VideoFrame, IReadOnlyList<TrackSnapshot>, ValueTask>? onFrame, CancellationToken cancellationToken)
    {
        var tracker = NewTracker();
        FaceDetector[] detectors = [_detector, _ahead!];
        long received = 0, started = 0, count = 0, runs = 0, withFaces = 0, searchTicks = 0;
        var track = new Stopwatch();
        (VideoFrame Frame, Task<IReadOnlyList<FaceDetection>>? Search)? pending = null;

        IReadOnlyList<FaceDetection> Search(FaceDetector detector, VideoFrame frame)
        {
            var watch = Stopwatch.StartNew();
            var found = detector.Detect(ImageView.Of(frame));
            Interlocked.Add(ref searchTicks, watch.Elapsed.Ticks);
            return found;
        }

        async Task TrackAsync(VideoFrame frame, Task<IReadOnlyList<FaceDetection>>? search)
        {
            using (frame)
            {
                var found = search is null ? null : await search.ConfigureAwait(false);
                if (found is not null)
                {
                    runs++;
                    if (found.Count > 0) withFaces++;
                }
                track.Start();
                var live = tracker.Update(frame.Index, found);
                track.Stop();
                if (onFrame is not null) await onFrame(frame, live).ConfigureAwait(false);
                count++;
            }
        }

        try
        {
            await foreach (var frame in frames.WithCancellation(cancellationToken).ConfigureAwait(false))
            {
                Task<IReadOnlyList<FaceDetection>>? search = null;
                if (received++ % Options.DetectEvery == 0)
                {
                    // Turn by search, not by frame: with a detector run every other frame, both detectors still share them.
                    var detector = detectors[started++ % 2];
                    search = Task.Run(() => Search(detector, frame), cancellationToken);
                }
                var previous = pending;
                pending = (frame, search);
                if (previous is { } p) await TrackAsync(p.Frame, p.Search).ConfigureAwait(false);
            }
            if (pending is { } last)
            {
                pending = null;
                await TrackAsync(last.Frame, last.Search).ConfigureAwait(false);
            }
        }
        catch
        {
            // A search may still be reading its frame: it finishes before the frame's pixels go back to the pool.
            if (pending is { } left)
            {
                try
                {
                    if (left.Search is not null) await left.Search.ConfigureAwait(false);
                }
                catch (Exception)
                {
                    // The first failure is the one to report.
                }
                left.Frame.Dispose();
            }
            throw;
        }
        return Finish(tracker, count, runs, withFaces, TimeSpan.FromTicks(searchTicks), track.Elapsed) with { FullFrameRuns = runs };
    }

    /// <summary>Each tracked face re-found near its last place (<see cref="FollowOne"/>), or null when the whole frame must be searched:
    /// nothing is tracked, faces crowd each other's crops, or a face seen at the last detector run is lost here. A face
    /// already missing then is looked for at its last box but not searched for (a full search finds it at the next key
    /// frame). With <paramref name="both"/>, every other face is followed on the second detector beside the first (each
    /// follow depends on its face alone; the results are read in the same order).</summary>
    private List<FaceDetection>? Follow(VideoFrame frame, List<TrackedFace> faces, bool both)
    {
        if (faces.Count == 0 || Crowded(faces)) return null;
        var looked = new FaceDetection?[faces.Count];
        if (both && faces.Count > 1)
        {
            var second = Task.Run(() =>
            {
                for (var i = 1; i < faces.Count; i += 2) looked[i] = FollowOne(_ahead!, frame, faces[i]);
            });
            try
            {
                for (var i = 0; i < faces.Count; i += 2) looked[i] = FollowOne(_detector, frame, faces[i]);
            }
            catch
            {
                // The frame is let go only after both are done with it; this failure is the one to report.
                ((IAsyncResult)second).AsyncWaitHandle.WaitOne();
                throw;
            }
            second.GetAwaiter().GetResult();
        }
        else
        {
            for (var i = 0; i < faces.Count; i++)
            {
                looked[i] = FollowOne(_detector, frame, faces[i]);
                if (looked[i] is null && faces[i].Detected) return null;
            }
        }
        var found = new List<FaceDetection>(faces.Count);
        for (var i = 0; i < faces.Count; i++)
        {
            if (looked[i] is not { } detection)
            {
                if (faces[i].Detected) return null;
                continue;
            }
            // Two tracks that drifted onto one face: keep one detection, as a full-frame search's suppression would.
            if (!found.Exists(f => f.Box.IoU(detection.Box) >= _detector.Options.NmsIouThreshold)) found.Add(detection);
        }
        return found;
    }

    /// <summary>One face followed: by its points when it was seen at the last run and a landmarker is at hand, else
    /// (or when the points lose it) by <paramref name="detector"/> on a crop around it. A face missing at the last run
    /// has no points to start from, and the cascade, which always returns a shape, cannot tell it is back.</summary>
    private FaceDetection? FollowOne(FaceDetector detector, VideoFrame frame, TrackedFace face) =>
        (face.Detected && _landmarks is not null ? _landmarks.Follow(ImageView.Of(frame), face) : null) ?? detector.Follow(ImageView.Of(frame), face);

    /// <summary>The followed faces and every searched face that is none of them, refined. A face followed by its points is kept
    /// only when the detector still sees it there (a searched box overlapping it by half, or found on a crop around it):
    /// the cascade has no presence score, so a face that turned away or was covered would otherwise be followed until a
    /// plausibility check failed; one dropped here is re-found by the search when it is still in the picture.</summary>
    private List<FaceDetection> Merge(ImageView image, long frameIndex, List<FaceDetection> followed, IReadOnlyList<FaceDetection> search)
    {
        var merged = new List<FaceDetection>(followed.Count + search.Count);
        foreach (var f in followed)
        {
            if (f.Stage != DetectionStage.Landmarks || search.Any(d => d.Box.IoU(f.Box) >= FaceDetector.FollowMinIoU)
                || _detector.Follow(image, new TrackedFace(frameIndex, f.Box, f.Keypoints, f.Score, true, f)) is not null)
                merged.Add(f);
        }
        foreach (var d in search)
        {
            if (!merged.Exists(f => f.Box.IoU(d.Box) >= _detector.Options.NmsIouThreshold)) merged.Add(_detector.Refine(image, d));
        }
        return merged;
    }

    /// <summary>True when a face's centre lies inside another's follow crop: side by side (walkers in a crowd), one
    /// crop holds both faces, and a track followed there was seen to slide onto its neighbour; the whole frame is
    /// searched instead, whose suppression keeps them apart.</summary>
    private static bool Crowded(List<TrackedFace> faces)
    {
        for (var i = 0; i < faces.Count; i++)
        {
            var a = faces[i].Box;
            var half = FaceDetector.FollowCropScale * Math.Max(a.Width, a.Height) / 2;
            for (var j = 0; j < faces.Count; j++)
            {
                var b = faces[j].Box;
                if (i != j && Math.Abs(b.CenterX - a.CenterX) < half && Math.Abs(b.CenterY - a.CenterY) < half) return true;
            }
        }
        return false;
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
        return Finish(tracker, 1, 1, found.Count > 0 ? 1 : 0, detect.Elapsed, track.Elapsed, minLength: 1) with { FullFrameRuns = 1 };
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
