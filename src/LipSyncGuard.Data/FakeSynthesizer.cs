using LipSyncGuard.Sync;
using System.Buffers;
using System.Globalization;
using System.Numerics;
using LipSyncGuard.Faces;
using LipSyncGuard.Faces.Landmarks;
using LipSyncGuard.Media;
using LipSyncGuard.Sync.Extraction;

namespace LipSyncGuard.Data;

/// <summary>Makes labelled lip-sync fakes from real videos (see <see cref="SynthKind"/>), written as H.264/AAC MP4 at the
/// source's size and frame rate into <c>1_fake/</c> of an AVLips-layout folder with a <c>manifest.csv</c> that groups
/// each fake with its source. Holds ONNX sessions (for retime/freeze): dispose it.</summary>
public sealed class FakeSynthesizer : IDisposable
{
    private readonly Dictionary<double, SignalExtractor> _extractors = [];
    private LandmarkDetector? _landmarks;

    /// <summary>Creates a synthesizer.</summary>
    public FakeSynthesizer(SynthOptions? options = null) => Options = (options ?? SynthOptions.Default).Validate();

    /// <summary>The validated options.</summary>
    public SynthOptions Options { get; }

    /// <summary>Makes every kind from every item of <paramref name="reals"/> into <paramref name="outputDirectory"/>, copies
    /// the reals into <c>0_real/</c> and writes <c>manifest.csv</c> (path,label,group,kind,generator). A source that cannot
    /// be read or has no face (retime, freeze) is reported in the result, never fatal. Swap partners are other items.</summary>
    public async Task<IReadOnlyList<SynthesizedFake>> SynthesizeAsync(
        IReadOnlyList<DatasetItem> reals, string outputDirectory, IProgress<(int Done, int Total, string File)>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(reals);
        ArgumentException.ThrowIfNullOrWhiteSpace(outputDirectory);
        var needsPartner = Options.Kinds.Contains(SynthKind.Swap) || Options.Kinds.Contains(SynthKind.Retime);
        if (needsPartner && reals.Count < 2) throw new ArgumentException("swap and retime need at least two real videos (the audio comes from another one)", nameof(reals));
        var root = Directory.CreateDirectory(outputDirectory).FullName;
        Directory.CreateDirectory(Path.Combine(root, "0_real"));
        Directory.CreateDirectory(Path.Combine(root, "1_fake"));
        var random = new Random(Options.Seed);
        var results = new List<SynthesizedFake>();
        var rows = new List<string> { "path,label,group,kind,generator" };
        var total = reals.Count * Options.Kinds.Count;
        for (var i = 0; i < reals.Count; i++)
        {
            var item = reals[i];
            var stem = Path.GetFileNameWithoutExtension(item.Path);
            var realName = Path.Combine("0_real", stem + Path.GetExtension(item.Path));
            File.Copy(item.Path, Path.Combine(root, realName), overwrite: true);
            rows.Add(Row(realName, 0, item.Group, "real", "-"));
            // Partner: a seeded choice among the other items, so a speaker's fake hears someone else (or themselves at another time).
            var partner = reals[(i + 1 + random.Next(reals.Count - 1)) % reals.Count];
            var shift = (random.Next(2) == 0 ? -1 : 1) * (Options.MinShiftSeconds + ((Options.MaxShiftSeconds - Options.MinShiftSeconds) * random.NextDouble()));
            foreach (var kind in Options.Kinds)
            {
                var name = Path.Combine("1_fake", $"{stem}_{kind.ToString().ToLowerInvariant()}.mp4");
                progress?.Report((results.Count, total, name));
                try
                {
                    await MakeAsync(kind, item, partner, shift, Path.Combine(root, name), cancellationToken).ConfigureAwait(false);
                    results.Add(new SynthesizedFake(item, kind, Path.Combine(root, name), null));
                    rows.Add(Row(name, 1, item.Group, kind.ToString().ToLowerInvariant(), "lipsyncguard-synth"));
                }
                catch (Exception e) when (e is MediaException or IOException or SynthesisException)
                {
                    results.Add(new SynthesizedFake(item, kind, null, e is MediaException m ? $"{m.CodeName}: {m.Message}" : e.Message));
                }
            }
        }
        progress?.Report((total, total, ""));
        var manifest = Path.Combine(root, "manifest.csv");
        await File.WriteAllLinesAsync(manifest + ".tmp", rows, cancellationToken).ConfigureAwait(false);
        File.Move(manifest + ".tmp", manifest, overwrite: true);
        return results;
    }

    private async Task MakeAsync(SynthKind kind, DatasetItem item, DatasetItem partner, double shift, string output, CancellationToken cancellationToken)
    {
        var info = await new MediaProber().ProbeAsync(item.Path, cancellationToken).ConfigureAwait(false);
        var duration = info.RequireVideo().Duration > TimeSpan.Zero ? info.Video!.Duration : info.Duration;
        var audio = item.AudioPath ?? item.Path;
        var partnerAudio = partner.AudioPath ?? partner.Path;
        switch (kind)
        {
            case SynthKind.Swap:
                await AudioVideoMuxer.MuxAsync(item.Path, partnerAudio, output, 0, duration, cancellationToken: cancellationToken).ConfigureAwait(false);
                break;
            case SynthKind.Shift:
                await AudioVideoMuxer.MuxAsync(item.Path, audio, output, shift, duration, cancellationToken: cancellationToken).ConfigureAwait(false);
                break;
            case SynthKind.Retime:
            case SynthKind.Freeze:
                var newAudio = kind == SynthKind.Retime ? partnerAudio : audio;
                var silent = Path.Combine(Path.GetDirectoryName(output)!, $".{Path.GetFileNameWithoutExtension(output)}.{Environment.ProcessId}.video.mp4");
                try
                {
                    await RewriteMouthAsync(kind, info, newAudio, silent, cancellationToken).ConfigureAwait(false);
                    await AudioVideoMuxer.MuxAsync(silent, newAudio, output, 0, duration, copyVideo: true, cancellationToken: cancellationToken).ConfigureAwait(false);
                }
                finally
                {
                    File.Delete(silent);
                }
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(kind), kind, "unknown kind");
        }
    }

    /// <summary>Writes the video with its mouth region replaced frame by frame: for freeze by the most closed mouth of the
    /// track, for retime by the frame whose mouth opening ranks like the new audio's energy at that moment.</summary>
    private async Task RewriteMouthAsync(SynthKind kind, MediaInfo info, string newAudio, string silentOutput, CancellationToken cancellationToken)
    {
        var video = info.RequireVideo();
        var fps = Math.Clamp(video.AverageFps > 0 ? video.AverageFps : 25, 1, 120);
        using var signals = await Extractor(fps).ExtractAsync(info.Path, info.HasAudio ? null : newAudio, cancellationToken: cancellationToken).ConfigureAwait(false);
        var selected = signals.Faces.Selected.FirstOrDefault(t => signals.Tracks.ContainsKey(t.Id))
            ?? throw new SynthesisException($"no face in '{Path.GetFileName(info.Path)}': {kind} needs a face track");
        var lips = signals.Tracks[selected.Id];
        var start = (int)selected.StartFrame;
        var length = Math.Min(selected.Length, lips.Length);
        var compositor = new MouthCompositor((int)(0.9f * selected.MeanBox.Width));
        var sources = kind == SynthKind.Freeze
            ? FreezeSources(lips, length)
            : RetimeSources(lips, length, await FrameEnergyAsync(newAudio, fps, start, length, cancellationToken).ConfigureAwait(false));

        // Pass 1: the patches the mapping uses; pass 2: paste them on every track frame and encode.
        var needed = sources.ToHashSet();
        var patches = new Dictionary<int, byte[]>();
        var decode = new VideoDecodeOptions { Fps = fps };
        await foreach (var frame in new VideoDecoder().DecodeAsync(info, decode, cancellationToken).ConfigureAwait(false))
        {
            using (frame)
            {
                var t = (int)frame.Index - start;
                if (t >= 0 && t < length && needed.Contains(t)) patches[t] = compositor.Cut(frame.Pixels, frame.Width, frame.Height, Mouth(selected, frame.Index));
            }
        }
        var (width, height) = decode.OutputSize(video.Width, video.Height);
        using var encoder = new VideoEncoder(silentOutput, width, height, fps, cancellationToken: cancellationToken);
        var buffer = ArrayPool<byte>.Shared.Rent(width * height * 3);
        try
        {
            await foreach (var frame in new VideoDecoder().DecodeAsync(info, decode, cancellationToken).ConfigureAwait(false))
            {
                using (frame)
                {
                    var pixels = buffer.AsMemory(0, frame.Pixels.Length);
                    frame.Pixels.CopyTo(pixels.Span);
                    var t = (int)frame.Index - start;
                    if (t >= 0 && t < length && patches.TryGetValue(sources[t], out var patch))
                        compositor.Paste(pixels.Span, frame.Width, frame.Height, Mouth(selected, frame.Index), patch);
                    await encoder.WriteAsync(pixels, cancellationToken).ConfigureAwait(false);
                }
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
        await encoder.CompleteAsync(cancellationToken).ConfigureAwait(false);
    }

    private static Vector2 Mouth(FaceTrack track, long frameIndex) =>
        (track.At(frameIndex) ?? track.Frames[^1]).Keypoints[FaceKeypoint.Mouth];

    /// <summary>Every frame shows the track's most closed trusted mouth.</summary>
    private static int[] FreezeSources(TrackSignals lips, int length)
    {
        var best = 0;
        var smallest = float.MaxValue;
        for (var t = 0; t < length; t++)
        {
            var aperture = lips.Lips[t * TrackSignals.LipWidth];
            if (lips.Valid[t] && aperture < smallest) (best, smallest) = (t, aperture);
        }
        return Enumerable.Repeat(best, length).ToArray();
    }

    /// <summary>Frame t shows the frame whose mouth opening has the same rank among the track's frames as the new audio's
    /// energy at t has among its frames, taken from another moment (at least 3 frames away).</summary>
    private static int[] RetimeSources(TrackSignals lips, int length, float[] energy)
    {
        var byOpening = Enumerable.Range(0, length).Where(t => lips.Valid[t]).OrderBy(t => lips.Lips[t * TrackSignals.LipWidth]).ToArray();
        if (byOpening.Length < 8) byOpening = [.. Enumerable.Range(0, length).OrderBy(t => lips.Lips[t * TrackSignals.LipWidth])];
        var byEnergy = Enumerable.Range(0, length).OrderBy(t => energy[t]).ToArray();
        var rank = new int[length];
        for (var r = 0; r < length; r++) rank[byEnergy[r]] = r;
        var sources = new int[length];
        for (var t = 0; t < length; t++)
        {
            var target = (int)Math.Round(rank[t] * (byOpening.Length - 1) / (double)Math.Max(1, length - 1));
            var chosen = byOpening[target];
            for (var d = 1; Math.Abs(chosen - t) < 3 && d < byOpening.Length; d++)
            {
                var i = target + ((d % 2 == 1 ? 1 : -1) * ((d + 1) / 2));
                if (i >= 0 && i < byOpening.Length) chosen = byOpening[i];
            }
            sources[t] = chosen;
        }
        return sources;
    }

    /// <summary>Log RMS of the audio per video frame from <paramref name="start"/>, smoothed over 3 frames.</summary>
    private static async Task<float[]> FrameEnergyAsync(string audioPath, double fps, int start, int length, CancellationToken cancellationToken)
    {
        var clip = await new AudioDecoder().DecodeAsync(audioPath, cancellationToken: cancellationToken).ConfigureAwait(false);
        var per = clip.SampleRate / fps;
        var raw = new float[length];
        for (var t = 0; t < length; t++)
        {
            var a = (int)((start + t) * per);
            var b = Math.Min(clip.Samples.Length, (int)((start + t + 1) * per));
            double sum = 0;
            for (var i = a; i < b; i++) sum += clip.Samples[i] * clip.Samples[i];
            raw[t] = (float)Math.Log(1e-8 + (b > a ? sum / (b - a) : 0));
        }
        var smooth = new float[length];
        for (var t = 0; t < length; t++) smooth[t] = (raw[Math.Max(0, t - 1)] + raw[t] + raw[Math.Min(length - 1, t + 1)]) / 3;
        return smooth;
    }

    private SignalExtractor Extractor(double fps)
    {
        if (_extractors.TryGetValue(fps, out var extractor)) return extractor;
        _landmarks ??= LandmarkDetector.Load();
        // Faces and lips only: the audio features are not read, so the cheaper log-mel.
        extractor = new SignalExtractor(SignalExtractorOptions.Default with { Fps = fps, Audio = SyncAudio.LogMel }, _landmarks);
        _extractors[fps] = extractor;
        return extractor;
    }

    private static string Row(string path, int label, string group, string kind, string generator) =>
        string.Join(',', new[] { path.Replace('\\', '/'), label.ToString(CultureInfo.InvariantCulture), group, kind, generator }.Select(Csv.Quote));

    /// <summary>Releases the ONNX sessions.</summary>
    public void Dispose()
    {
        foreach (var extractor in _extractors.Values) extractor.Dispose();
        _extractors.Clear();
    }
}
