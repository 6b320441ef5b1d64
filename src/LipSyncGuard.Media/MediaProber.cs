using System.Globalization;
using System.Text.Json;

namespace LipSyncGuard.Media;

/// <summary>Reads a file's streams with ffprobe and checks them against <see cref="MediaLimits"/>.</summary>
public sealed class MediaProber
{
    private readonly FfmpegTools _tools;
    private readonly MediaLimits _limits;

    /// <summary>Creates a prober.</summary>
    public MediaProber(MediaLimits? limits = null, FfmpegTools? tools = null)
    {
        _limits = (limits ?? MediaLimits.Default).Validate();
        _tools = tools ?? FfmpegTools.Default;
    }

    /// <summary>The limits this prober enforces.</summary>
    public MediaLimits Limits => _limits;

    /// <summary>Probes <paramref name="path"/>. Throws <see cref="MediaException"/> for anything we will not read.</summary>
    public async Task<MediaInfo> ProbeAsync(string path, CancellationToken cancellationToken = default)
    {
        var fullPath = RequireRegularFile(path);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_limits.ProbeTimeout);
        string[] arguments =
        [
            "-v", "error", "-hide_banner",
            .. FfmpegTools.InputArguments(fullPath),
            "-print_format", "json", "-show_format", "-show_streams",
        ];
        using var child = ChildProcess.Start(_tools.Ffprobe, arguments, timeout.Token);
        string json;
        int exitCode;
        try
        {
            using var reader = new StreamReader(child.StandardOutput);
            json = await reader.ReadToEndAsync(timeout.Token).ConfigureAwait(false);
            exitCode = await child.WaitForExitAsync(timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new MediaException(MediaErrorCode.Timeout, $"probing '{Path.GetFileName(fullPath)}' took longer than {_limits.ProbeTimeout.TotalSeconds:0} s");
        }
        if (exitCode != 0) throw Unreadable(fullPath, child.StderrTail);
        var info = Parse(fullPath, json);
        Check(info);
        return info;
    }

    /// <summary>Resolves the path and refuses anything but an existing, non-empty regular file.</summary>
    internal static string RequireRegularFile(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var fullPath = Path.GetFullPath(path);
        var file = new FileInfo(fullPath);
        if (!file.Exists) throw new MediaException(MediaErrorCode.NotFound, $"'{path}' does not exist or is not a file");
        if (file.Length == 0) throw new MediaException(MediaErrorCode.EmptyFile, $"'{file.Name}' is empty (0 bytes)");
        return fullPath;
    }

    private static MediaException Unreadable(string fullPath, string stderr)
    {
        var name = Path.GetFileName(fullPath);
        if (stderr.Contains("not on whitelist", StringComparison.Ordinal))
            return new MediaException(MediaErrorCode.UnsupportedFormat, $"'{name}' is a playlist, list or still-image format; only single local video files are accepted");
        var reason = LastLine(stderr);
        return ContainerSniffer.LooksLikeMedia(fullPath)
            ? new MediaException(MediaErrorCode.Corrupt, $"'{name}' looks like a media file but cannot be read: {reason}")
            : new MediaException(MediaErrorCode.UnsupportedFormat, $"'{name}' is not a video format we accept: {reason}");
    }

    private static string LastLine(string text)
    {
        var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var last = lines.Length == 0 ? "ffprobe gave no reason" : lines[^1];
        // ffprobe prefixes the input URL; the user knows which file they gave.
        var colon = last.IndexOf(": ", StringComparison.Ordinal);
        return last.StartsWith("file:", StringComparison.Ordinal) && colon > 0 ? last[(colon + 2)..] : last;
    }

    private void Check(MediaInfo info)
    {
        var name = Path.GetFileName(info.Path);
        if (info.Duration > _limits.MaxDuration)
            throw new MediaException(MediaErrorCode.TooLong, $"'{name}' lasts {info.Duration.TotalSeconds:0.#} s; the limit is {_limits.MaxDuration.TotalSeconds:0} s");
        if (info.Video is { } v)
        {
            if (v.Width > _limits.MaxWidth || v.Height > _limits.MaxHeight)
                throw new MediaException(MediaErrorCode.TooLarge, $"'{name}' is {v.Width}x{v.Height}; the limit is {_limits.MaxWidth}x{_limits.MaxHeight}");
            if (v.Width <= 0 || v.Height <= 0)
                throw new MediaException(MediaErrorCode.Corrupt, $"'{name}' has a video stream without a frame size");
            if (v.FrameCountEstimate > _limits.MaxFrames)
                throw new MediaException(MediaErrorCode.TooLong, $"'{name}' has about {v.FrameCountEstimate} frames; the limit is {_limits.MaxFrames}");
        }
        if (info.Video is null && info.Audio is null)
            throw new MediaException(MediaErrorCode.UnsupportedFormat, $"'{name}' has neither video nor audio");
    }

    internal static MediaInfo Parse(string fullPath, string json)
    {
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        var format = root.GetProperty("format");
        var formatName = format.TryGetProperty("format_name", out var fn) ? fn.GetString() ?? "" : "";
        var duration = Seconds(format, "duration");
        VideoStreamInfo? video = null;
        AudioStreamInfo? audio = null;
        if (root.TryGetProperty("streams", out var streams))
        {
            foreach (var s in streams.EnumerateArray())
            {
                var type = s.TryGetProperty("codec_type", out var t) ? t.GetString() : null;
                // Cover art arrives as a one-frame "video" stream; it is not video.
                var attachedPic = s.TryGetProperty("disposition", out var d) && d.TryGetProperty("attached_pic", out var ap) && ap.GetInt32() == 1;
                if (type == "video" && video is null && !attachedPic) video = ParseVideo(s, duration);
                else if (type == "audio" && audio is null) audio = ParseAudio(s, duration);
            }
        }
        if (duration <= TimeSpan.Zero) duration = Max(video?.Duration ?? TimeSpan.Zero, audio?.Duration ?? TimeSpan.Zero);
        long? bitRate = format.TryGetProperty("bit_rate", out var br) && long.TryParse(br.GetString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var b) ? b : null;
        var size = format.TryGetProperty("size", out var sz) && long.TryParse(sz.GetString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var bytes) ? bytes : new FileInfo(fullPath).Length;
        return new MediaInfo(fullPath, formatName, duration, size, bitRate, video, audio);
    }

    private static VideoStreamInfo ParseVideo(JsonElement s, TimeSpan containerDuration)
    {
        var codedWidth = Int(s, "width");
        var codedHeight = Int(s, "height");
        var rotation = Rotation(s);
        var (width, height) = rotation is 90 or 270 ? (codedHeight, codedWidth) : (codedWidth, codedHeight);
        var average = Rate(s, "avg_frame_rate");
        var real = Rate(s, "r_frame_rate");
        var duration = Seconds(s, "duration");
        if (duration <= TimeSpan.Zero) duration = containerDuration;
        var fps = average > 0 ? average : real;
        var frames = long.TryParse(Str(s, "nb_frames"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) && n > 0
            ? n
            : (long)Math.Round(duration.TotalSeconds * fps);
        return new VideoStreamInfo(Int(s, "index"), Str(s, "codec_name") ?? "unknown", width, height, rotation, average, real, duration, frames, Str(s, "pix_fmt") ?? "unknown");
    }

    private static AudioStreamInfo ParseAudio(JsonElement s, TimeSpan containerDuration)
    {
        var duration = Seconds(s, "duration");
        if (duration <= TimeSpan.Zero) duration = containerDuration;
        var rate = int.TryParse(Str(s, "sample_rate"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var r) ? r : 0;
        return new AudioStreamInfo(Int(s, "index"), Str(s, "codec_name") ?? "unknown", rate, Int(s, "channels"), duration);
    }

    /// <summary>Display rotation, clockwise, normalised to 0/90/180/270. ffmpeg 5+ reports the display matrix in
    /// <c>side_data_list</c> (counter-clockwise degrees, so -90 means turn 90° clockwise); older files carry a <c>rotate</c> tag.</summary>
    private static int Rotation(JsonElement s)
    {
        double degrees = 0;
        if (s.TryGetProperty("side_data_list", out var list))
        {
            foreach (var item in list.EnumerateArray())
            {
                if (item.TryGetProperty("rotation", out var r) && r.TryGetDouble(out var value)) degrees = -value;
            }
        }
        else if (s.TryGetProperty("tags", out var tags) && tags.TryGetProperty("rotate", out var tag)
                 && double.TryParse(tag.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var tagged))
        {
            degrees = tagged;
        }
        var quarter = (int)Math.Round(degrees / 90.0);
        return ((quarter % 4) + 4) % 4 * 90;
    }

    private static string? Str(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) ? v.ValueKind == JsonValueKind.String ? v.GetString() : v.ToString() : null;

    private static int Int(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number && v.TryGetInt32(out var i) ? i : 0;

    private static TimeSpan Seconds(JsonElement e, string name) =>
        double.TryParse(Str(e, name), NumberStyles.Float, CultureInfo.InvariantCulture, out var s) && double.IsFinite(s) && s > 0
            ? TimeSpan.FromSeconds(Math.Min(s, TimeSpan.MaxValue.TotalSeconds / 2))
            : TimeSpan.Zero;

    private static double Rate(JsonElement e, string name)
    {
        var text = Str(e, name);
        if (text is null) return 0;
        var slash = text.IndexOf('/', StringComparison.Ordinal);
        if (slash < 0) return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var plain) ? plain : 0;
        return double.TryParse(text[..slash], NumberStyles.Float, CultureInfo.InvariantCulture, out var num)
               && double.TryParse(text[(slash + 1)..], NumberStyles.Float, CultureInfo.InvariantCulture, out var den) && den > 0
            ? num / den
            : 0;
    }

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;
}
