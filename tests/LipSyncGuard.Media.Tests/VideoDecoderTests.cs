using Xunit;
using LipSyncGuard.Testing;

namespace LipSyncGuard.Media.Tests;

public sealed class VideoDecoderTests(GeneratedMedia media) : IClassFixture<GeneratedMedia>
{
    private readonly VideoDecoder _decoder = new();

    [SkippableTheory]
    [InlineData(SharedMedia.AvlipsReal0, 224, 224)]
    [InlineData(SharedMedia.Grid, 360, 288)]
    public async Task DecodeAsync_SharedClip_FrameCountAndTimestampsMatchFfprobe(string relative, int width, int height)
    {
        var path = SharedMedia.Require(relative);
        var expected = Ffmpeg.CountFrames(path);

        var count = 0;
        await foreach (var frame in _decoder.DecodeAsync(path))
        {
            using (frame)
            {
                Assert.Equal((width, height), (frame.Width, frame.Height));
                Assert.Equal(count, frame.Index);
                Assert.Equal(TimeSpan.FromSeconds(count / 25.0), frame.Timestamp);
                Assert.Equal(width * height * 3, frame.Pixels.Length);
                count++;
            }
        }

        // Both sources are 25 fps constant rate, so resampling to 25 fps keeps every frame.
        Assert.InRange(count, expected - 1, expected + 1);
    }

    [Theory]
    [InlineData(640)]
    [InlineData(101)]
    public async Task DecodeAsync_I420_PlanesHoldTheLumaOfTheRgb24Decode(int maxSide)
    {
        // The bundled sample scaled to 640 px (even sides) and to 101×101 (odd: the chroma planes round up).
        var path = Path.Combine(SharedMedia.RepositoryRoot, "samples", "real_vox2_00015.mp4");
        async Task<VideoFrame> FrameAsync(VideoPixelFormat format)
        {
            await foreach (var frame in _decoder.DecodeAsync(path, new VideoDecodeOptions { MaxSide = maxSide, PixelFormat = format }))
            {
                if (frame.Index == 10) return frame;
                frame.Dispose();
            }
            throw new InvalidOperationException("no frame 10");
        }
        using var rgb = await FrameAsync(VideoPixelFormat.Rgb24);
        using var i420 = await FrameAsync(VideoPixelFormat.I420);

        Assert.Equal((VideoPixelFormat.I420, rgb.Width, rgb.Height), (i420.Format, i420.Width, i420.Height));
        Assert.Equal(i420.Width, i420.Stride);
        var chroma = ((i420.Width + 1) / 2) * ((i420.Height + 1) / 2);
        Assert.Equal((i420.Width * i420.Height) + (2 * chroma), i420.Pixels.Length);
        // The luma plane is BT.601 limited-range luma of the colours the RGB24 decode gave: 16 + 219·Y'.
        double error = 0;
        for (var y = 0; y < rgb.Height; y++)
        {
            for (var x = 0; x < rgb.Width; x++)
            {
                var (r, g, b) = Pixel(rgb, x, y);
                var luma = 16 + (((0.299 * r) + (0.587 * g) + (0.114 * b)) * 219 / 255);
                error += Math.Abs(luma - i420.Pixels[(y * i420.Stride) + x]);
            }
        }
        Assert.InRange(error / (rgb.Width * rgb.Height), 0, 2.0);
        Assert.Throws<ArgumentOutOfRangeException>(() => new VideoDecodeOptions { PixelFormat = (VideoPixelFormat)7 }.Validate());
    }

    [Fact]
    public async Task Copy_OriginalDisposed_CopyKeepsThePixels()
    {
        var path = Path.Combine(SharedMedia.RepositoryRoot, "samples", "real_vox2_00015.mp4");
        VideoFrame? copy = null;
        byte[]? expected = null;
        await foreach (var frame in _decoder.DecodeAsync(path))
        {
            using (frame)
            {
                if (frame.Index != 10) continue;
                expected = frame.Pixels.ToArray();
                copy = frame.Copy();
            }
        }

        // The decoder disposed frame 10 (its pixels went back to the pool and were reused): the copy is still frame 10.
        using (copy)
        {
            Assert.NotNull(copy);
            Assert.Equal((10L, TimeSpan.FromSeconds(0.4)), (copy!.Index, copy.Timestamp));
            Assert.Equal(expected, copy.Pixels.ToArray());
        }
        Assert.Throws<ObjectDisposedException>(() => copy.Pixels.Length);
    }

    [SkippableFact]
    public async Task DecodeAsync_VariableFrameRate_ResampledToConstantRate()
    {
        var path = SharedMedia.Require(SharedMedia.Vfr);
        var info = await new MediaProber().ProbeAsync(path);

        var count = 0;
        await foreach (var frame in _decoder.DecodeAsync(info))
        {
            using (frame) count++;
        }

        Assert.InRange(count, (int)(info.Duration.TotalSeconds * 25) - 2, (int)(info.Duration.TotalSeconds * 25) + 2);
    }

    [Fact]
    public async Task DecodeAsync_RotationMetadata_FramesComeOutAsDisplayed()
    {
        var info = await new MediaProber().ProbeAsync(media.Rotated);
        Assert.Contains(info.Video!.Rotation, new[] { 90, 270 });
        // The picture's red top lands on the right after a clockwise quarter turn, on the left after a counter-clockwise one.
        var redOnRight = info.Video.Rotation == 90;
        var frames = 0;
        await foreach (var frame in _decoder.DecodeAsync(info))
        {
            using (frame)
            {
                Assert.Equal((32, 64), (frame.Width, frame.Height));
                var (lr, _, lb) = Pixel(frame, 4, 32);
                var (rr, _, rb) = Pixel(frame, 27, 32);
                var (redR, redB, blueR, blueB) = redOnRight ? (rr, rb, lr, lb) : (lr, lb, rr, rb);
                Assert.True(redR > 150 && redB < 100, $"red side was r={redR} b={redB}");
                Assert.True(blueB > 150 && blueR < 100, $"blue side was r={blueR} b={blueB}");
                frames++;
            }
        }

        Assert.Equal(50, frames);
    }

    [Fact]
    public async Task DecodeAsync_MaxSide_DownscalesKeepingAspect()
    {
        await foreach (var frame in _decoder.DecodeAsync(media.Clip, new VideoDecodeOptions { MaxSide = 32 }))
        {
            using (frame) Assert.Equal((32, 16), (frame.Width, frame.Height));
        }
    }

    [Fact]
    public async Task DecodeAsync_OtherFps_TimestampsFollowRequestedClock()
    {
        var count = 0;
        await foreach (var frame in _decoder.DecodeAsync(media.Clip, new VideoDecodeOptions { Fps = 10 }))
        {
            using (frame)
            {
                Assert.Equal(TimeSpan.FromSeconds(count / 10.0), frame.Timestamp);
                count++;
            }
        }

        Assert.Equal(20, count);
    }

    [Theory]
    [InlineData(1001, 777, 640)]
    [InlineData(480, 1003, 333)]
    [InlineData(1001, 777, 101)]
    [InlineData(50, 30, 640)]
    public async Task OpenAsync_OddSides_FramesAsFfmpegScalesToTheOutputSize(int width, int height, int maxSide)
    {
        // ffmpeg sizes the frames by its own expression before the probe is back; the reader cuts the pipe by OutputSize.
        // Both must agree to the pixel with ffmpeg told the size outright.
        var source = Path.Combine(media.Dir, $"odd-{width}x{height}.mp4");
        Ffmpeg.Run("-f", "lavfi", "-i", $"testsrc2=s={width}x{height}:r=25:d=0.4", "-c:v", "libx264", "-pix_fmt", "yuv444p", source);
        var options = new VideoDecodeOptions { MaxSide = maxSide, PixelFormat = VideoPixelFormat.I420 };
        var probed = (await new MediaProber().ProbeAsync(source)).RequireVideo();
        var (w, h) = options.OutputSize(probed.Width, probed.Height);
        var told = Path.Combine(media.Dir, $"odd-{width}x{height}-{maxSide}.yuv");
        Ffmpeg.Run("-i", source, "-vf", $"fps=fps=25:start_time=0,scale={w}:{h}:flags=bilinear,format=yuv420p", "-f", "rawvideo", "-pix_fmt", "yuv420p", told);
        var expected = await File.ReadAllBytesAsync(told);

        using var frames = await _decoder.OpenAsync(source, options);
        Assert.Equal((w, h), (frames.Width, frames.Height));
        var decoded = new List<byte>();
        await foreach (var frame in frames)
        {
            using (frame)
            {
                Assert.Equal((w, h), (frame.Width, frame.Height));
                decoded.AddRange(frame.Pixels.ToArray());
            }
        }

        Assert.Equal(10 * options.PixelFormat.FrameBytes(w, h), expected.Length);
        Assert.True(expected.AsSpan().SequenceEqual(decoded.ToArray()), "frames differ from ffmpeg's at the explicit size");
    }

    [Fact]
    public async Task OpenAsync_FileOverTheLimits_RefusedWithNoFfmpegLeft()
    {
        var decoder = new VideoDecoder(new MediaProber(MediaLimits.Default with { MaxWidth = 32 }));

        var error = await Assert.ThrowsAsync<MediaException>(() => decoder.OpenAsync(media.Clip));

        Assert.Equal(MediaErrorCode.TooLarge, error.Code);
        Assert.Empty(ChildProcesses.FfmpegChildrenAfterSettling());
    }

    [Fact]
    public async Task OpenAsync_AudioOnlyFile_RefusedWithNoFfmpegLeft()
    {
        var error = await Assert.ThrowsAsync<MediaException>(() => _decoder.OpenAsync(media.AudioOnly));

        Assert.Equal(MediaErrorCode.NoVideo, error.Code);
        Assert.Empty(ChildProcesses.FfmpegChildrenAfterSettling());
    }

    [Fact]
    public async Task Start_NeverRead_DisposeStopsFfmpeg()
    {
        var info = await new MediaProber().ProbeAsync(media.Clip);

        using (_decoder.Start(info))
        {
            // ffmpeg decodes ahead until the pipe is full, then waits for a reader that never comes.
            await Task.Delay(200);
            Assert.NotEmpty(ChildProcesses.FfmpegChildren());
        }

        Assert.Empty(ChildProcesses.FfmpegChildrenAfterSettling());
    }

    [Fact]
    public async Task GetAsyncEnumerator_SecondRead_Throws()
    {
        using var frames = await _decoder.OpenAsync(media.Clip);
        await foreach (var frame in frames) frame.Dispose();

        Assert.Throws<InvalidOperationException>(() => frames.GetAsyncEnumerator());
    }

    [Fact]
    public async Task DecodeAsync_CancelledMidway_StopsFfmpeg()
    {
        using var cts = new CancellationTokenSource();
        var seen = 0;

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (var frame in _decoder.DecodeAsync(media.Clip, cancellationToken: cts.Token))
            {
                frame.Dispose();
                if (++seen == 3) await cts.CancelAsync();
            }
        });

        Assert.Empty(ChildProcesses.FfmpegChildrenAfterSettling());
    }

    [Fact]
    public async Task DecodeAsync_ConsumerStopsEarly_StopsFfmpeg()
    {
        await foreach (var frame in _decoder.DecodeAsync(media.Clip))
        {
            frame.Dispose();
            break;
        }

        Assert.Empty(ChildProcesses.FfmpegChildrenAfterSettling());
    }

    [Fact]
    public void Pixels_AfterDispose_Throws()
    {
        var frame = new VideoFrame(System.Buffers.ArrayPool<byte>.Shared.Rent(12), VideoPixelFormat.Rgb24, 2, 2, 0, TimeSpan.Zero);
        frame.Dispose();

        Assert.Throws<ObjectDisposedException>(() => frame.Pixels.Length);
    }

    private static (byte R, byte G, byte B) Pixel(VideoFrame frame, int x, int y)
    {
        var p = frame.Pixels.Slice(y * frame.Stride + x * 3, 3);
        return (p[0], p[1], p[2]);
    }
}
