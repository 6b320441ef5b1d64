using System.Runtime.ExceptionServices;
using System.Threading.Channels;
using LipSyncGuard.Audio;
using LipSyncGuard.Faces;
using LipSyncGuard.Faces.Landmarks;
using LipSyncGuard.Media;

namespace LipSyncGuard.Sync.Extraction;

/// <summary>Turns a video into <see cref="VideoSignals"/> in one streaming pass: decode → detect → track → 68 landmarks
/// per tracked face → lip kinematics, beside 16 kHz audio → speech embeddings (or log-mel) on the frame clock → speech probability, and whether
/// the soundtrack is mostly music. Frames are never kept; per track only a few floats per frame. Holds the ONNX sessions:
/// dispose it.</summary>
public sealed class SignalExtractor : IDisposable
{
    private readonly SignalExtractorOptions _options;
    private readonly FaceDetector _faceDetector;
    private FaceDetector? _searchAhead;
    private readonly FaceLandmarker _landmarks;
    private readonly SpeechDetector _speech;
    private readonly MusicDetector _music;
    private readonly LogMelSpectrogram _mel = new();
    private readonly SpeechEmbedder? _embedder;
    private readonly MouthCropper? _cropper;

    /// <summary>Loads the models (BlazeFace, dlib 68-point, Silero VAD, the speech embedding); throws a clear error naming ./setup.sh when one is missing.</summary>
    public SignalExtractor(SignalExtractorOptions? options = null)
        : this(options, null)
    {
    }

    /// <summary>Loads the face and speech models and shares <paramref name="landmarks"/> (immutable, thread-safe, large)
    /// with other extractors; null loads its own.</summary>
    public SignalExtractor(SignalExtractorOptions? options, LandmarkDetector? landmarks)
    {
        _options = (options ?? SignalExtractorOptions.Default).Validate();
        _cropper = _options.MouthCrops is { } crops ? new MouthCropper(crops) : null;
        _music = new MusicDetector(_options.Music);
        _faceDetector = new FaceDetector(_options.Detector);
        try
        {
            _landmarks = new FaceLandmarker(landmarks ?? LandmarkDetector.Load(_options.Landmarks));
            _speech = new SpeechDetector(_options.Speech);
            _embedder = _options.Audio == SyncAudio.SpeechEmbedding ? new SpeechEmbedder(_options.Embedding) : null;
        }
        catch
        {
            _speech?.Dispose();
            _faceDetector.Dispose();
            throw;
        }
    }

    /// <summary>The settings in use.</summary>
    public SignalExtractorOptions Options => _options;

    /// <summary>Extracts the signals of <paramref name="videoPath"/>; the audio comes from <paramref name="audioPath"/> when
    /// given (AVLips wav), else from the video. <paramref name="progress"/> receives the fraction of frames done;
    /// <paramref name="stored"/>, when given, is called on the stage that measures the faces each time a face's frame is
    /// stored, with the frames the clip is expected to have: it may read the face's crops (that stage does not add any
    /// meanwhile) and must return at once.</summary>
    public async Task<VideoSignals> ExtractAsync(
        string videoPath, string? audioPath = null, MediaLimits? limits = null, FaceAnalysisOptions? faces = null,
        IProgress<double>? progress = null, Action<TrackSignals, long>? stored = null, CancellationToken cancellationToken = default)
    {
        using var frames = await new VideoDecoder(new MediaProber(limits)).OpenAsync(videoPath, _options.Decode, cancellationToken).ConfigureAwait(false);
        return await ExtractAsync(frames, audioPath, faces, progress, stored, cancellationToken).ConfigureAwait(false);
    }

    /// <summary><see cref="ExtractAsync(string, string?, MediaLimits?, FaceAnalysisOptions?, IProgress{double}?, Action{TrackSignals, long}?, CancellationToken)"/>
    /// of a video whose frames are already being decoded with <see cref="SignalExtractorOptions.Decode"/> (a caller that
    /// probed the file and started ffmpeg while the models loaded). Reads <paramref name="frames"/> and disposes it.</summary>
    public async Task<VideoSignals> ExtractAsync(
        FrameStream frames, string? audioPath = null, FaceAnalysisOptions? faces = null,
        IProgress<double>? progress = null, Action<TrackSignals, long>? stored = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(frames);
        using var owned = frames;
        if (frames.Options != _options.Decode)
            throw new ArgumentException($"the frames are decoded as {frames.Options}, not as this extractor reads them ({_options.Decode})", nameof(frames));
        var info = frames.Info;
        var prober = new MediaProber(frames.Limits);
        var audioInfo = audioPath is null ? info : await prober.ProbeAsync(audioPath, cancellationToken).ConfigureAwait(false);
        audioInfo.RequireAudio();
        // The audio decodes in its own ffmpeg beside the frames: the first frame does not wait for the whole soundtrack,
        // and the second core has work while this one detects faces. It starts once the first frame is measured (or the
        // frames end without one): started with the frames, its ffmpeg took CPU from theirs, from the model loads and
        // from the first face search, all of which the first frame waits for, while the soundtrack is needed only at the end.
        using var stopAudio = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var sound = new Lazy<Task<Sound>>(() => MeasureSoundAsync(
            new AudioDecoder(prober).DecodeAsync(audioInfo, cancellationToken: stopAudio.Token), ExpectedFrames(info) + (int)Math.Ceiling(_options.Fps), stopAudio.Token));
        try
        {
            return await ExtractAsync(frames, sound, faces, progress, stored, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            // A failed or cancelled frame pass must not leave the audio's ffmpeg running, the speech session in use or a
            // failure unobserved.
            await stopAudio.CancelAsync().ConfigureAwait(false);
            if (!sound.IsValueCreated) throw;
            try
            {
                await sound.Value.ConfigureAwait(false);
            }
            catch (Exception)
            {
                // The frame pass's exception is the one to report.
            }
            throw;
        }
    }

    /// <summary>The soundtrack's measures, which need no frame: computed as soon as the audio is decoded, on the core the
    /// frame pass leaves idle, rather than after the last frame (~0.4 s of one core on 40 s, and with the speech embedding
    /// ~1.4 s per 30 s more). On their own thread: held that long, a pool thread would be missing to the frame pass's
    /// stages until the pool grew. A frame's embedding does not depend on how many are asked for, so
    /// <paramref name="embedFrames"/> (a second past the probed length) covers the frames the pass will find; a longer
    /// video is embedded again at the end.</summary>
    private async Task<Sound> MeasureSoundAsync(Task<AudioClip> decoding, long embedFrames, CancellationToken cancellationToken)
    {
        var clip = await decoding.ConfigureAwait(false);
        return await Task.Factory.StartNew(
            () =>
            {
                var mel = _mel.Compute(clip);
                cancellationToken.ThrowIfCancellationRequested();
                var speech = _speech.Detect(clip);
                cancellationToken.ThrowIfCancellationRequested();
                var music = _music.Detect(clip);
                var embedding = _embedder?.Embed(clip, (int)Math.Min(embedFrames, int.MaxValue / SpeechEmbedder.Dimensions), _options.Fps, cancellationToken);
                return new Sound(clip, mel, speech, music, embedding);
            },
            cancellationToken, TaskCreationOptions.LongRunning, TaskScheduler.Default).ConfigureAwait(false);
    }

    /// <summary>The decoded soundtrack and what was measured on it.</summary>
    private sealed record Sound(AudioClip Clip, MelSpectrogram Mel, SpeechActivity Speech, MusicEstimate Music, float[]? Embedding);

    /// <summary>Frames the probed duration gives on the frame clock.</summary>
    private long ExpectedFrames(MediaInfo info) => Math.Max(1, (long)Math.Ceiling(info.Duration.TotalSeconds * _options.Fps));

    private async Task<VideoSignals> ExtractAsync(
        FrameStream frames, Lazy<Task<Sound>> soundStart,
        FaceAnalysisOptions? faces, IProgress<double>? progress, Action<TrackSignals, long>? stored, CancellationToken cancellationToken)
    {
        var info = frames.Info;
        var (width, height) = (frames.Width, frames.Height);
        var expectedFrames = ExpectedFrames(info);
        var tracks = new Dictionary<int, (TrackSignals Signals, LandmarkTrack Landmarks)>();
        // On two or more cores a second detector searches the next frame beside this one (created on the first clip: its
        // session loads while ffmpeg starts, not at start-up).
        if (Environment.ProcessorCount > 1) _searchAhead ??= new FaceDetector(_options.Detector);
        // Between key frames a face is followed by the cascade from its previous points, which this stage then takes
        // instead of running the cascade again.
        var analyzer = new FaceAnalyzer(_faceDetector, faces ?? _options.Faces, _searchAhead, _landmarks);
        var cropBytes = _cropper is null ? 0 : _cropper.Options.Size * _cropper.Options.Size * 3;
        var keepFallback = _cropper is not null && _options.FallbackCrops;
        var fallback = keepFallback ? new byte[(int)Math.Min(Math.Min(expectedFrames + 1, 4096), _options.CropFramesInMemory) * cropBytes] : null;
        var fallbackFrames = 0;
        // Two stages: this one detects (the next frame's search already running beside it) and tracks faces; the measuring
        // stage reads each frame's landmarks and cuts its crops (each alone ~half of a face-filling frame's cost). Each
        // frame crosses as a copy with its tracks; the channel holds a few, so memory stays bounded and a slow stage
        // throttles the other.
        var queue = Channel.CreateBounded<(VideoFrame Frame, TrackSnapshot[] Live)>(
            new BoundedChannelOptions(QueuedFrames) { SingleReader = true, SingleWriter = true, FullMode = BoundedChannelFullMode.Wait });
        var measuring = Task.Run(async () =>
        {
            try
            {
                await foreach (var (frame, live) in queue.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
                {
                    using (frame)
                    {
                        if (keepFallback && fallbackFrames < _options.CropFramesInMemory)
                        {
                            // The fallback is cheap (one 96² resample) and only known to be needed once the clip ends without a face.
                            if ((fallbackFrames + 1) * cropBytes > fallback!.Length) Array.Resize(ref fallback, fallback.Length * 2);
                            _cropper!.Fallback(ImageView.Of(frame)).Image.Pixels.CopyTo(fallback.AsSpan(fallbackFrames * cropBytes));
                            fallbackFrames++;
                        }
                        foreach (var snapshot in live)
                        {
                            var signals = Measure(frame, snapshot, tracks, expectedFrames);
                            stored?.Invoke(signals, expectedFrames);
                        }
                        if (frame.Index % 25 == 0) progress?.Report(Math.Min(1, (frame.Index + 1) / (double)expectedFrames));
                        _ = soundStart.Value;
                    }
                }
            }
            catch (Exception e)
            {
                // The detecting stage must not wait on a queue no one reads.
                queue.Writer.TryComplete(e);
                throw;
            }
        }, cancellationToken);
        FaceAnalysis analysis;
        Sound sound;
        try
        {
            try
            {
                analysis = await analyzer.AnalyzeAsync(frames, (frame, live) => queue.Writer.WriteAsync((frame.Copy(), [.. live]), cancellationToken), cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                queue.Writer.TryComplete();
            }
            await measuring.ConfigureAwait(false);
            progress?.Report(1);
            sound = await soundStart.Value.ConfigureAwait(false);
        }
        catch (Exception e)
        {
            Exception? measured = null;
            try
            {
                await measuring.ConfigureAwait(false);
            }
            catch (Exception m)
            {
                measured = m;
            }
            // Frames still queued go back to the pool; crops spilled so far go with their tracks.
            Drain(queue.Reader, tracks);
            // When the measuring stage failed, its error is the one to report: the detecting stage only saw the queue close.
            if (e is ChannelClosedException && measured is not null) ExceptionDispatchInfo.Throw(measured);
            throw;
        }

        var frameCount = (int)analysis.FrameCount;
        var mel = sound.Mel;
        float[] audio;
        int audioWidth;
        if (sound.Embedding is not { } embedded)
        {
            audio = FrameAudioFeatures.Compute(mel, frameCount, _options.Fps);
            audioWidth = FrameAudioFeatures.Width(mel);
        }
        else
        {
            audio = embedded.Length >= frameCount * SpeechEmbedder.Dimensions ? embedded[..(frameCount * SpeechEmbedder.Dimensions)] : _embedder!.Embed(sound.Clip, frameCount, _options.Fps, cancellationToken);
            audioWidth = SpeechEmbedder.Dimensions;
        }
        var speech = sound.Speech.PerVideoFrame(_options.Fps, frameCount);
        var kept = analysis.Tracks.Where(t => tracks.ContainsKey(t.Id)).ToDictionary(t => t.Id, t => tracks[t.Id].Signals);
        foreach (var (id, (signals, _)) in tracks)
            if (!kept.ContainsKey(id)) signals.Dispose();
        return new VideoSignals(info, analysis, frameCount, _options.Fps, width, height, audio, audioWidth, speech, kept)
        {
            AudioKind = _options.Audio,
            Mel = mel,
            Music = sound.Music,
            FallbackCrops = fallback?[..(fallbackFrames * cropBytes)],
            FallbackCropSize = _cropper?.Options.Size ?? 0,
        };
    }

    /// <summary>Frames between forehead comparisons of a track: the cue is a median over the face, so a few a second
    /// suffice, and the second crop costs nothing on the frames between.</summary>
    public const int ForeheadEvery = 3;

    /// <summary>Frames a stage may queue for the next: enough to ride out one slow frame, few enough to stay small.</summary>
    private const int QueuedFrames = 4;

    private static void Drain(ChannelReader<(VideoFrame Frame, TrackSnapshot[] Live)> queue, Dictionary<int, (TrackSignals Signals, LandmarkTrack Landmarks)> tracks)
    {
        while (queue.TryRead(out var item)) item.Frame.Dispose();
        foreach (var (signals, _) in tracks.Values) signals.Dispose();
    }

    private TrackSignals Measure(VideoFrame frame, TrackSnapshot snapshot, Dictionary<int, (TrackSignals Signals, LandmarkTrack Landmarks)> tracks, long expectedFrames)
    {
        if (!tracks.TryGetValue(snapshot.TrackId, out var state))
        {
            // Crop storage sized once for the frames the track can still have (within the budget), not grown by doubling.
            var cropFrames = (int)Math.Clamp(expectedFrames + 1 - frame.Index, 1, _options.CropFramesInMemory);
            state = (new TrackSignals(snapshot.TrackId, frame.Index, _options.CropFramesInMemory, cropFrames), new LandmarkTrack(_options.LandmarkTrack));
            tracks[snapshot.TrackId] = state;
        }
        var face = snapshot.Face;
        var image = ImageView.Of(frame);
        LandmarkFrame? measured = null;
        if (_landmarks.Locate(image, face) is { } points) measured = state.Landmarks.Update(points, frame.Timestamp.TotalSeconds);
        else state.Landmarks.Reset();
        if (_cropper is null) state.Signals.Add(frame.Index, measured);
        else
        {
            var size = _cropper.Options.Size;
            var mouth = _cropper.Crop(image, face).Image.Pixels;
            var forehead = state.Signals.Length % ForeheadEvery == 0 && _cropper.Forehead(image, face.Box, face.Keypoints) is { } top
                ? MouthForehead.Contrast(mouth, top.Image.Pixels, size) : float.NaN;
            state.Signals.Add(frame.Index, measured, mouth, size, forehead);
        }
        if (face.Detected && face.Score > state.Signals.ThumbnailScore) TakeThumbnail(frame, face, state.Signals);
        return state.Signals;
    }

    private void TakeThumbnail(VideoFrame frame, TrackedFace face, TrackSignals signals)
    {
        var size = _options.ThumbnailSize;
        var side = Math.Max(face.Box.Width, face.Box.Height) * 1.2f;
        var x0 = face.Box.CenterX - (side / 2);
        var y0 = face.Box.CenterY - (side / 2);
        var thumb = signals.Thumbnail ?? new byte[size * size * 3];
        var image = ImageView.Of(frame);
        for (var y = 0; y < size; y++)
        {
            var sy = Math.Clamp((int)(y0 + ((y + 0.5f) * side / size)), 0, frame.Height - 1);
            for (var x = 0; x < size; x++)
            {
                var sx = Math.Clamp((int)(x0 + ((x + 0.5f) * side / size)), 0, frame.Width - 1);
                var (r, g, b) = image.ReadRgb(sx, sy);
                var o = ((y * size) + x) * 3;
                (thumb[o], thumb[o + 1], thumb[o + 2]) = (r, g, b);
            }
        }
        signals.Thumbnail = thumb;
        signals.ThumbnailSize = size;
        signals.ThumbnailScore = face.Score;
    }

    /// <summary>Releases the ONNX sessions.</summary>
    public void Dispose()
    {
        _faceDetector.Dispose();
        _searchAhead?.Dispose();
        _speech.Dispose();
        _embedder?.Dispose();
    }
}
