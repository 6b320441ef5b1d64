using System.Buffers;
using System.Globalization;
using System.Runtime.InteropServices;

namespace LipSyncGuard.Media;

/// <summary>Decodes the first audio stream to mono float PCM at one rate (16 kHz by default), whatever the source rate
/// and channel count, so no later stage can learn the source format.</summary>
public sealed class AudioDecoder
{
    /// <summary>The pipeline's audio rate.</summary>
    public const int DefaultSampleRate = 16000;

    private readonly MediaProber _prober;
    private readonly FfmpegTools _tools;

    /// <summary>Creates a decoder that probes (and enforces limits) with <paramref name="prober"/>.</summary>
    public AudioDecoder(MediaProber? prober = null, FfmpegTools? tools = null)
    {
        _tools = tools ?? FfmpegTools.Default;
        _prober = prober ?? new MediaProber(tools: _tools);
    }

    /// <summary>Probes <paramref name="path"/> and decodes its audio (whole clip, or <paramref name="start"/> + <paramref name="duration"/>).</summary>
    public async Task<AudioClip> DecodeAsync(
        string path, TimeSpan? start = null, TimeSpan? duration = null, int sampleRate = DefaultSampleRate, CancellationToken cancellationToken = default)
    {
        var info = await _prober.ProbeAsync(path, cancellationToken).ConfigureAwait(false);
        return await DecodeAsync(info, start, duration, sampleRate, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Decodes the audio of an already probed file. Sample 0 is time 0 of the file clock (a stream that starts
    /// late is padded with silence), the same clock as <see cref="VideoDecoder"/>'s frames.</summary>
    public async Task<AudioClip> DecodeAsync(
        MediaInfo info, TimeSpan? start = null, TimeSpan? duration = null, int sampleRate = DefaultSampleRate, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(info);
        ArgumentOutOfRangeException.ThrowIfLessThan(sampleRate, 8000);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(sampleRate, 192000);
        if (start < TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(start), start, "must not be negative");
        if (duration <= TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(duration), duration, "must be positive");
        var audio = info.RequireAudio();
        var inv = CultureInfo.InvariantCulture;
        var arguments = new List<string> { "-nostdin", "-hide_banner", "-loglevel", "error" };
        if (start is { } s) arguments.AddRange(["-ss", s.TotalSeconds.ToString("0.######", inv)]);
        arguments.AddRange(FfmpegTools.InputArguments(info.Path));
        // Without an explicit span, stop a second past the container's duration: damaged timestamps must not make the
        // resampler pad silence up to the duration limit.
        var span = duration ?? (info.Duration > TimeSpan.Zero ? info.Duration + TimeSpan.FromSeconds(1) : (TimeSpan?)null);
        if (span is { } d) arguments.AddRange(["-t", d.TotalSeconds.ToString("0.######", inv)]);
        arguments.AddRange([
            "-map", $"0:{audio.Index}", "-vn", "-sn", "-dn",
            "-af", $"aresample=async=1:first_pts=0,aresample={sampleRate}",
            "-ac", "1", "-ar", sampleRate.ToString(inv), "-f", "f32le", "pipe:1",
        ]);

        var maxSamples = (long)Math.Ceiling(_prober.Limits.MaxDuration.TotalSeconds * sampleRate) + sampleRate;
        var expected = (long)Math.Ceiling((duration ?? info.Duration).TotalSeconds * sampleRate) + sampleRate / 10;
        var samples = new float[(int)Math.Clamp(expected, 1024, maxSamples)];
        var count = 0;
        using var child = ChildProcess.Start(_tools.Ffmpeg, arguments, cancellationToken);
        var chunk = ArrayPool<byte>.Shared.Rent(64 * 1024);
        try
        {
            var pending = 0;
            int read;
            while ((read = await child.StandardOutput.ReadAsync(chunk.AsMemory(pending, chunk.Length - pending), cancellationToken).ConfigureAwait(false)) > 0)
            {
                pending += read;
                var whole = pending / sizeof(float);
                if (count + whole > maxSamples)
                    throw new MediaException(MediaErrorCode.TooLong, $"'{Path.GetFileName(info.Path)}' has more audio than the {_prober.Limits.MaxDuration.TotalSeconds:0} s limit");
                if (count + whole > samples.Length) Array.Resize(ref samples, (int)Math.Min(maxSamples, Math.Max(count + whole, samples.Length * 2L)));
                MemoryMarshal.Cast<byte, float>(chunk.AsSpan(0, whole * sizeof(float))).CopyTo(samples.AsSpan(count));
                count += whole;
                var rest = pending - whole * sizeof(float);
                chunk.AsSpan(whole * sizeof(float), rest).CopyTo(chunk);
                pending = rest;
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(chunk);
        }
        var exitCode = await child.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        if (count == 0 && exitCode != 0)
        {
            throw new MediaException(MediaErrorCode.Corrupt, $"no audio could be decoded from '{Path.GetFileName(info.Path)}': {child.StderrTail.Split('\n')[^1].Trim()}");
        }
        Array.Resize(ref samples, count);
        return new AudioClip(samples, sampleRate);
    }
}
