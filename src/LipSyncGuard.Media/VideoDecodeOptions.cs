namespace LipSyncGuard.Media;

/// <summary>How frames are produced: a constant output rate, an optional downscale and the pixel layout.</summary>
public sealed record VideoDecodeOptions
{
    /// <summary>25 fps at the source size.</summary>
    public static VideoDecodeOptions Default { get; } = new();

    /// <summary>Output frame rate; frames are duplicated or dropped by ffmpeg's <c>fps</c> filter so the clock is constant
    /// even for variable-frame-rate sources.</summary>
    public double Fps { get; init; } = 25;

    /// <summary>When set, frames larger than this on their longer side are scaled down, aspect kept.</summary>
    public int? MaxSide { get; init; }

    /// <summary>The frames' pixel layout: packed RGB24 by default; <see cref="VideoPixelFormat.I420"/> for readers that
    /// sample pixels through an image view (the face stage), which skips ffmpeg's colour conversion of every pixel.</summary>
    public VideoPixelFormat PixelFormat { get; init; } = VideoPixelFormat.Rgb24;

    /// <summary>Throws when a setting is out of range.</summary>
    public VideoDecodeOptions Validate()
    {
        if (!(Fps is > 0 and <= 240)) throw new ArgumentOutOfRangeException(nameof(Fps), Fps, "must be in (0, 240]");
        if (MaxSide is < 16) throw new ArgumentOutOfRangeException(nameof(MaxSide), MaxSide, "must be at least 16");
        if (!Enum.IsDefined(PixelFormat)) throw new ArgumentOutOfRangeException(nameof(PixelFormat), PixelFormat, "unknown pixel format");
        return this;
    }

    /// <summary>The output size for a source of <paramref name="width"/>×<paramref name="height"/>: each side times
    /// <see cref="MaxSide"/> over the longer one, rounded half away from zero, in the order ffmpeg evaluates
    /// <see cref="ScaleExpression"/> (the two must agree to the pixel: the reader cuts the pipe into frames by this size).</summary>
    public (int Width, int Height) OutputSize(int width, int height)
    {
        var longer = Math.Max(width, height);
        if (MaxSide is not { } max || longer <= max) return (width, height);
        return (Scaled(width, max, longer), Scaled(height, max, longer));
    }

    private static int Scaled(int side, int max, int longer) => Math.Max(1, (int)Math.Round((double)side * max / longer, MidpointRounding.AwayFromZero));

    /// <summary>ffmpeg's <c>scale</c> filter size for <see cref="OutputSize"/> of whatever it decodes (<c>iw</c>, <c>ih</c>
    /// after rotation, as the probe reports them), so ffmpeg can start before the probe.</summary>
    public string ScaleExpression => MaxSide is not { } max ? "w=iw:h=ih" : $"w='{Side("iw", max)}':h='{Side("ih", max)}'";

    private static string Side(string side, int max) => $"if(gt(max(iw,ih),{max}),max(1,round({side}*{max}/max(iw,ih))),{side})";
}
