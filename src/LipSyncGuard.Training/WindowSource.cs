using System.Runtime.CompilerServices;
using LipSyncGuard.Audio;
using LipSyncGuard.Data;
using LipSyncGuard.Faces;
using LipSyncGuard.Faces.Landmarks;
using LipSyncGuard.Media;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace LipSyncGuard.Training;

/// <summary>The one seam through which the training commands get windows: decodes each video directly (decode → detect
/// → track → mouth crops + 68 landmarks per frame, 16 kHz audio → log-mel + speech) and cuts the selected face tracks into
/// <see cref="SampleWindow"/>s. Kept in this one file so it can be swapped for the preprocessing cache's reader.</summary>
public static class WindowSource
{
    /// <summary>Windows of every item of the dataset in <paramref name="dataDir"/> (AVLips layout or manifest.csv).</summary>
    public static IAsyncEnumerable<SampleWindow> LoadWindows(
        string dataDir, WindowSourceOptions? options = null, ILogger? logger = null, CancellationToken cancellationToken = default) =>
        LoadWindows(Dataset.Load(dataDir), options, logger, cancellationToken);

    /// <summary>Windows of <paramref name="items"/>, in item order. A video that cannot be read is logged and skipped.</summary>
    public static async IAsyncEnumerable<SampleWindow> LoadWindows(
        IReadOnlyList<DatasetItem> items, WindowSourceOptions? options = null, ILogger? logger = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(items);
        var o = (options ?? WindowSourceOptions.Default).Validate();
        var log = logger ?? NullLogger.Instance;
        using var detector = new FaceDetector();
        var landmarks = LandmarkDetector.Load();
        using var speech = new SpeechDetector();
        var mel = new LogMelSpectrogram();
        var cropper = new MouthCropper(MouthCropOptions.Default with { Size = o.CropSize });
        foreach (var item in items)
        {
            cancellationToken.ThrowIfCancellationRequested();
            IReadOnlyList<SampleWindow> windows;
            try
            {
                windows = await ExtractAsync(item, o, detector, landmarks, speech, mel, cropper, cancellationToken).ConfigureAwait(false);
            }
            catch (MediaException e)
            {
                log.LogWarning("skipped {Video}: {Code}: {Message}", item.Path, e.CodeName, e.Message);
                continue;
            }
            log.LogInformation("{Video}: {Count} windows", Path.GetFileName(item.Path), windows.Count);
            foreach (var window in windows) yield return window;
        }
    }

    private static async Task<IReadOnlyList<SampleWindow>> ExtractAsync(
        DatasetItem item, WindowSourceOptions o, FaceDetector detector, LandmarkDetector landmarks, SpeechDetector speech,
        LogMelSpectrogram melSpectrogram, MouthCropper cropper, CancellationToken cancellationToken)
    {
        var prober = new MediaProber();
        var info = await prober.ProbeAsync(item.Path, cancellationToken).ConfigureAwait(false);
        info.RequireVideo();
        var audioInfo = item.AudioPath is null ? info : await prober.ProbeAsync(item.AudioPath, cancellationToken).ConfigureAwait(false);
        audioInfo.RequireAudio();
        var clip = await new AudioDecoder(prober).DecodeAsync(audioInfo, cancellationToken: cancellationToken).ConfigureAwait(false);

        var fallback = new List<byte[]>();
        var tracks = new Dictionary<int, TrackFrames>();
        var mapping = FaceAnchorMapping.Default;
        var frames = Limit(new VideoDecoder(prober).DecodeAsync(info, new VideoDecodeOptions { Fps = 25, MaxSide = 1280 }, cancellationToken), o.MaxFrames, cancellationToken);
        var kinematics = new float[2 * LipKinematics.DistanceCount];
        var analysis = await new FaceAnalyzer(detector).AnalyzeAsync(frames, (frame, live) =>
        {
            var view = ImageView.Of(frame);
            fallback.Add(cropper.Fallback(view).Image.Pixels);
            foreach (var snapshot in live)
            {
                if (!tracks.TryGetValue(snapshot.TrackId, out var track)) tracks[snapshot.TrackId] = track = new TrackFrames();
                var face = snapshot.Face;
                track.Crops[frame.Index] = cropper.Crop(view, face).Image.Pixels;
                var lips = new float[LipKinematics.DistanceCount + 1];
                try
                {
                    var k = face.Keypoints;
                    var anchor = new FaceAnchor(k[FaceKeypoint.RightEye], k[FaceKeypoint.LeftEye], k[FaceKeypoint.NoseTip], k[FaceKeypoint.Mouth]);
                    var points = landmarks.Detect(frame.Pixels, frame.Width, frame.Height, frame.Stride, mapping.ToFrame(anchor));
                    var measured = track.Landmarks.Update(points, frame.Timestamp.TotalSeconds);
                    measured.Kinematics.CopyTo(kinematics);
                    kinematics.AsSpan(0, LipKinematics.DistanceCount).CopyTo(lips);
                    lips[^1] = measured.IsTrusted ? 1 : 0;
                }
                catch (ArgumentException)
                {
                    // Degenerate keypoints: no trustworthy shape on this frame (the flag stays 0).
                    track.Landmarks.Reset();
                }
                track.Lips[frame.Index] = lips;
            }
        }, cancellationToken).ConfigureAwait(false);

        var frameCount = fallback.Count;
        var mel = melSpectrogram.Compute(clip);
        var speechPerFrame = speech.Detect(clip).PerVideoFrame(25, frameCount);
        var windows = new List<SampleWindow>();
        var selected = analysis.Selected.Where(t => tracks.ContainsKey(t.Id)).ToList();
        if (selected.Count == 0)
        {
            foreach (var start in Starts(0, frameCount, o))
                windows.Add(Cut(item, o, 0, start, fallback, null, mel, speechPerFrame, fallbackCrops: true));
            return windows;
        }
        foreach (var track in selected)
        {
            var end = (int)Math.Min(track.EndFrame + 1, frameCount);
            foreach (var start in Starts((int)track.StartFrame, end, o))
                windows.Add(Cut(item, o, track.Id, start, fallback, tracks[track.Id], mel, speechPerFrame, fallbackCrops: false));
        }
        return windows;
    }

    /// <summary>Window starts in [first, end): every hop, evenly thinned to the per-video cap.</summary>
    private static List<int> Starts(int first, int end, WindowSourceOptions o)
    {
        var all = new List<int>();
        for (var s = first; s + o.Frames <= end; s += o.Hop) all.Add(s);
        if (all.Count <= o.MaxWindowsPerVideo) return all;
        return Enumerable.Range(0, o.MaxWindowsPerVideo).Select(i => all[(int)((long)i * all.Count / o.MaxWindowsPerVideo)]).ToList();
    }

    private static SampleWindow Cut(
        DatasetItem item, WindowSourceOptions o, int trackId, int start, List<byte[]> fallback, TrackFrames? track, MelSpectrogram mel,
        float[] speech, bool fallbackCrops)
    {
        int t = o.Frames, side = o.CropSize, frameBytes = side * side * 3, lipWidth = LipKinematics.DistanceCount;
        var crops = new byte[t * frameBytes];
        var lips = new float[t * lipWidth];
        var valid = new bool[t];
        for (var i = 0; i < t; i++)
        {
            var f = start + i;
            var crop = track is not null && track.Crops.TryGetValue(f, out var c) ? c : fallback[f];
            crop.CopyTo(crops.AsSpan(i * frameBytes, frameBytes));
            if (track is not null && track.Lips.TryGetValue(f, out var l))
            {
                l.AsSpan(0, lipWidth).CopyTo(lips.AsSpan(i * lipWidth, lipWidth));
                valid[i] = l[^1] > 0;
            }
        }
        var bins = mel.BinCount;
        var melValues = new float[t * SampleWindow.MelPerFrame * bins];
        var values = mel.Values;
        // Pad past the end of the audio with the quietest value seen (silence), not 0 (which is loud in log-mel).
        var floor = values.Length == 0 ? -11.5f : float.MaxValue;
        foreach (var v in values) floor = Math.Min(floor, v);
        for (var m = 0; m < t * SampleWindow.MelPerFrame; m++)
        {
            var source = (start * SampleWindow.MelPerFrame) + m;
            var dst = melValues.AsSpan(m * bins, bins);
            if (source < mel.FrameCount) mel.Frame(source).CopyTo(dst);
            else dst.Fill(floor);
        }
        var speechWindow = new float[t];
        for (var i = 0; i < t; i++) speechWindow[i] = start + i < speech.Length ? speech[start + i] : 0;
        return new SampleWindow(item.Path, item.Group, item.Label, item.Kind, trackId, start, t, side, crops, bins, melValues, lipWidth, lips, valid,
            speechWindow, fallbackCrops).Validate();
    }

    private static async IAsyncEnumerable<VideoFrame> Limit(IAsyncEnumerable<VideoFrame> frames, int max, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var count = 0;
        await foreach (var frame in frames.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            if (count++ >= max)
            {
                frame.Dispose();
                yield break;
            }
            yield return frame;
        }
    }

    private sealed class TrackFrames
    {
        public Dictionary<long, byte[]> Crops { get; } = [];

        public Dictionary<long, float[]> Lips { get; } = [];

        public LandmarkTrack Landmarks { get; } = new();
    }
}
