using System.Buffers.Binary;

namespace LipSyncGuard.Testing.Reliability;

/// <summary>The hostile-input corpus, generated at run time with ffmpeg and byte surgery (nothing binary is committed):
/// broken, lying, referencing and odd-but-valid files, each with the outcome the product owes it. Files that reference
/// other files point at <see cref="Canary"/> files and at a <see cref="LoopbackTrap"/>, so a test can prove nothing
/// outside the upload was read.</summary>
public sealed class HostileCorpus : IDisposable
{
    private const string Unsupported = "unsupported_format";
    private const string Corrupt = "corrupt";
    private readonly TempDir _dir = new("lsg-corpus-");
    private readonly Dictionary<string, HostileCase> _cases = new(StringComparer.Ordinal);

    /// <summary>Every case name, in report order (stable, for test data).</summary>
    public static IReadOnlyList<string> Names { get; } =
    [
        "zero-bytes", "random-bytes", "text-named-mp4", "ftyp-then-random", "truncated-1pct", "truncated-30pct", "truncated-90pct",
        "moov-missing", "audio-only", "wav-named-mp4", "video-only", "single-frame", "clip-0.2s", "header-30000x30000",
        "header-12000x12000", "duration-10h-claim", "hls-etc-passwd", "hls-file-canary", "hls-http-loopback", "ffconcat-etc-passwd",
        "ffconcat-file-canary", "ffconcat-http-loopback", "gif", "webp-animated", "png", "vfr", "rotated-90", "yuv422p10",
        "interlaced", "odd-size-223x171", "non-ascii-name", "path-traversal-name", "lying-content-type", "url-like-name",
    ];

    /// <summary>Generates every case from <paramref name="realClip"/> (a short real talking-face video with speech).</summary>
    public HostileCorpus(string realClip)
    {
        Trap = new LoopbackTrap();
        Canary = new Canary(realClip, _dir.File("canary.mp4"));
        var cases = _dir.File("cases");
        Directory.CreateDirectory(cases);
        CaseDirectory = cases;
        Real = _dir.File("real4.mp4");
        // 4 s of the real clip, re-encoded so every derived case starts from one known, frame-exact file.
        Ffmpeg.Run("-t", "4", "-i", realClip, "-c:v", "libx264", "-preset", "veryfast", "-pix_fmt", "yuv420p", "-c:a", "aac", "-ar", "16000", "-ac", "1", Real);
        foreach (var c in Build()) _cases.Add(c.Name, c);
        var missing = Names.Except(_cases.Keys).ToList();
        if (missing.Count > 0) throw new InvalidOperationException("corpus cases not built: " + string.Join(", ", missing));
    }

    /// <summary>The folder holding the case files (no ffmpeg may mention it once a case is done).</summary>
    public string CaseDirectory { get; }

    /// <summary>The re-encoded real clip every valid case derives from.</summary>
    public string Real { get; }

    /// <summary>The file referenced by <c>file:</c> and absolute-path playlist entries.</summary>
    public Canary Canary { get; }

    /// <summary>The listener referenced by <c>http:</c> playlist entries.</summary>
    public LoopbackTrap Trap { get; }

    /// <summary>The case named <paramref name="name"/>.</summary>
    public HostileCase this[string name] => _cases[name];

    /// <summary>Every case in report order.</summary>
    public IEnumerable<HostileCase> Cases => Names.Select(n => _cases[n]);

    public void Dispose()
    {
        Trap.Dispose();
        _dir.Dispose();
    }

    private IEnumerable<HostileCase> Build()
    {
        string F(string name) => Path.Combine(CaseDirectory, name);
        HostileCase Refused(string name, string what, string path, int status, params string[] codes) =>
            new() { Name = name, What = what, Path = path, RefusalCodes = codes, HttpStatus = status };
        HostileCase Judged(string name, string what, string path, (int, int)? size = null, bool face = true) =>
            new() { Name = name, What = what, Path = path, VerdictAllowed = true, ExpectedSize = size, ExpectFace = face };
        var real = File.ReadAllBytes(Real);

        File.WriteAllBytes(F("zero.mp4"), []);
        yield return Refused("zero-bytes", "0-byte file", F("zero.mp4"), 400, "empty_file") with { HttpCode = "bad_upload" };

        var random = new byte[64 * 1024];
        new Random(9).NextBytes(random);
        random[0] = 0x13; // never a container signature by accident
        File.WriteAllBytes(F("random.mp4"), random);
        yield return Refused("random-bytes", "64 KB of seeded random bytes named .mp4", F("random.mp4"), 415, Unsupported);

        File.WriteAllText(F("text.mp4"), "This is not a video, just some text someone renamed to .mp4\n");
        yield return Refused("text-named-mp4", "a text file named .mp4", F("text.mp4"), 415, Unsupported);

        var ftyp = (byte[])random.Clone();
        real.AsSpan(0, 32).CopyTo(ftyp);
        File.WriteAllBytes(F("ftyp-random.mp4"), ftyp);
        yield return Refused("ftyp-then-random", "a valid ftyp box followed by 64 KB of random bytes", F("ftyp-random.mp4"), 422, Corrupt);

        // Index first (faststart), as web videos are: a cut keeps the index and loses the tail, like a partial download.
        var faststart = _dir.File("faststart.mp4");
        Ffmpeg.Run("-i", Real, "-c", "copy", "-movflags", "+faststart", faststart);
        var fast = File.ReadAllBytes(faststart);
        foreach (var percent in new[] { 1, 30, 90 })
        {
            var path = F($"truncated-{percent}.mp4");
            File.WriteAllBytes(path, fast[..(fast.Length * percent / 100)]);
            yield return percent == 1
                ? Refused($"truncated-{percent}pct", "faststart mp4 cut to 1% (index only partly there)", path, 422, Corrupt)
                : Refused($"truncated-{percent}pct", $"faststart mp4 cut to {percent}% (frames after the cut missing)", path, 422, Corrupt) with { VerdictAllowed = true };
        }

        File.WriteAllBytes(F("no-moov.mp4"), Mp4Boxes.Remove(real, "moov"));
        yield return Refused("moov-missing", "mp4 with its moov box (the index) cut out", F("no-moov.mp4"), 422, Corrupt);

        Ffmpeg.Run("-i", Real, "-vn", "-c:a", "copy", "-f", "mp4", F("audio-only.mp4"));
        yield return Refused("audio-only", "AAC audio in mp4, no video stream", F("audio-only.mp4"), 422, "no_video");

        Ffmpeg.Run("-i", Real, "-vn", "-c:a", "pcm_s16le", "-f", "wav", F("wav.mp4"));
        yield return Refused("wav-named-mp4", "a WAV file named .mp4", F("wav.mp4"), 422, "no_video");

        Ffmpeg.Run("-i", Real, "-an", "-c:v", "copy", F("video-only.mp4"));
        yield return Refused("video-only", "h264 video, no audio stream", F("video-only.mp4"), 422, "no_audio");

        Ffmpeg.Run("-i", Real, "-frames:v", "1", "-t", "1", "-c:v", "libx264", "-c:a", "aac", F("single-frame.mp4"));
        yield return Judged("single-frame", "one video frame and 1 s of speech", F("single-frame.mp4"), (224, 224), face: false);

        Ffmpeg.Run("-i", Real, "-t", "0.2", "-c:v", "libx264", "-c:a", "aac", F("short.mp4"));
        yield return Judged("clip-0.2s", "0.2 s of the real clip", F("short.mp4"), (224, 224), face: false);

        var mjpeg = _dir.File("mjpeg.mp4");
        Ffmpeg.Run("-i", Real, "-t", "1", "-s", "64x48", "-c:v", "mjpeg", "-c:a", "aac", mjpeg);
        foreach (var side in new[] { 30000, 12000 })
        {
            var bytes = File.ReadAllBytes(mjpeg);
            ClaimFrameSize(bytes, side);
            var path = F($"header-{side}.mp4");
            File.WriteAllBytes(path, bytes);
            yield return Refused($"header-{side}x{side}", $"64×48 MJPEG in mp4 whose JPEG SOF, tkhd and stsd claim {side}×{side}", path, 422, "too_large", Corrupt);
        }

        var longClaim = (byte[])real.Clone();
        Mp4Boxes.ClaimDuration(longClaim, 10 * 3600);
        File.WriteAllBytes(F("ten-hours.mp4"), longClaim);
        yield return Refused("duration-10h-claim", "4 s mp4 whose mvhd/mdhd/tkhd claim 10 hours", F("ten-hours.mp4"), 422, "too_long");

        File.WriteAllText(F("passwd.m3u8"), "#EXTM3U\n#EXT-X-TARGETDURATION:10\n#EXTINF:10,\n/etc/passwd\n#EXT-X-ENDLIST\n");
        yield return Refused("hls-etc-passwd", "HLS playlist listing /etc/passwd", F("passwd.m3u8"), 415, Unsupported);
        File.WriteAllText(F("canary.m3u8"), $"#EXTM3U\n#EXT-X-TARGETDURATION:4\n#EXTINF:4,\nfile:{Canary.Path}\n#EXTINF:4,\n{Canary.Path}\n#EXT-X-ENDLIST\n");
        yield return Refused("hls-file-canary", "HLS playlist listing file: and absolute paths to a watched canary video", F("canary.m3u8"), 415, Unsupported) with { UploadName = "list.m3u8", ContentType = "application/vnd.apple.mpegurl" };
        File.WriteAllText(F("http.m3u8"), $"#EXTM3U\n#EXT-X-TARGETDURATION:4\n#EXTINF:4,\n{Trap.Url("seg0.ts")}\n#EXT-X-ENDLIST\n");
        yield return Refused("hls-http-loopback", "HLS playlist whose segment is an http URL on a watched 127.0.0.1 port", F("http.m3u8"), 415, Unsupported);
        File.WriteAllText(F("passwd.ffconcat"), "ffconcat version 1.0\nfile '/etc/passwd'\n");
        yield return Refused("ffconcat-etc-passwd", "ffconcat list naming /etc/passwd", F("passwd.ffconcat"), 415, Unsupported);
        File.WriteAllText(F("canary.ffconcat"), $"ffconcat version 1.0\nfile 'file:{Canary.Path}'\nfile '{Canary.Path}'\n");
        yield return Refused("ffconcat-file-canary", "ffconcat list naming the canary video (file: and plain path)", F("canary.ffconcat"), 415, Unsupported);
        File.WriteAllText(F("http.ffconcat"), $"ffconcat version 1.0\nfile '{Trap.Url("a.mp4")}'\n");
        yield return Refused("ffconcat-http-loopback", "ffconcat list naming an http URL on the watched port", F("http.ffconcat"), 415, Unsupported);

        Ffmpeg.Run("-i", Real, "-t", "1", "-vf", "fps=5,scale=64:-1", F("anim.gif"));
        yield return Refused("gif", "animated GIF (a picture format: no audio)", F("anim.gif"), 422, "no_audio") with { UploadName = "anim.gif", ContentType = "image/gif" };
        Ffmpeg.Run("-i", Real, "-t", "1", "-vf", "fps=5,scale=64:-1", "-c:v", "libwebp_anim", "-loop", "0", F("anim.webp"));
        yield return Refused("webp-animated", "animated WebP", F("anim.webp"), 415, Unsupported) with { UploadName = "anim.webp", ContentType = "image/webp" };
        Ffmpeg.Run("-i", Real, "-frames:v", "1", F("still.png"));
        yield return Refused("png", "a PNG still", F("still.png"), 415, Unsupported) with { UploadName = "still.png", ContentType = "image/png" };

        // Irregular frame drops kept at their own timestamps: a variable-frame-rate stream.
        Ffmpeg.Run("-i", Real, "-vf", "select='not(eq(mod(n\\,5)\\,2))*not(eq(mod(n\\,7)\\,3))'", "-fps_mode", "vfr", "-c:v", "libx264", "-c:a", "copy", F("vfr.mp4"));
        yield return Judged("vfr", "variable frame rate (irregular frame drops)", F("vfr.mp4"), (224, 224));

        // Stored turned 90° counter-clockwise, flagged to be displayed turned back: upright only if rotation is honoured.
        var turned = _dir.File("turned.mp4");
        Ffmpeg.Run("-i", Real, "-vf", "scale=224:160,transpose=2", "-c:v", "libx264", "-c:a", "copy", turned);
        Ffmpeg.Run("-i", turned, "-c", "copy", "-metadata:s:v:0", "rotate=90", F("rotated.mp4"));
        yield return Judged("rotated-90", "224×160 picture stored as 160×224 with a 90° display matrix", F("rotated.mp4"), (224, 160));

        Ffmpeg.Run("-i", Real, "-c:v", "libx264", "-pix_fmt", "yuv422p10le", "-c:a", "copy", F("yuv422p10.mp4"));
        yield return Judged("yuv422p10", "H.264 High 4:2:2 10-bit", F("yuv422p10.mp4"), (224, 224));

        Ffmpeg.Run("-i", Real, "-vf", "tinterlace=interleave_top", "-flags", "+ilme+ildct", "-c:v", "libx264", "-c:a", "copy", F("interlaced.mp4"));
        yield return Judged("interlaced", "interlaced (field-coded) H.264", F("interlaced.mp4"), (224, 224));

        Ffmpeg.Run("-i", Real, "-vf", "scale=223:171", "-c:v", "libx264", "-pix_fmt", "yuv444p", "-c:a", "copy", F("odd.mp4"));
        yield return Judged("odd-size-223x171", "223×171 (odd sizes, 4:4:4 so no chroma rounding)", F("odd.mp4"), (223, 171));

        var unicode = F("видео 视频 ✓ (1).mp4");
        File.Copy(Real, unicode);
        yield return Judged("non-ascii-name", "non-ASCII, spaces and brackets in the file name", unicode, (224, 224)) with { UploadName = "видео 视频 ✓ (1).mp4" };

        var nested = Path.Combine(CaseDirectory, "a", "b");
        Directory.CreateDirectory(nested);
        File.Copy(Real, F("x.mp4"));
        yield return Judged("path-traversal-name", "upload name ../../etc/x.mp4; CLI path through ../..", Path.Combine(nested, "..", "..", "x.mp4"), (224, 224)) with { UploadName = "../../etc/x.mp4" };

        yield return Judged("lying-content-type", "a real mp4 sent as notes.txt, text/plain", Real, (224, 224)) with { UploadName = "notes.txt", ContentType = "text/plain" };

        var urlish = F("http:evil.mp4");
        File.Copy(Real, urlish);
        yield return Judged("url-like-name", $"a file named http:evil.mp4; upload name {Trap.Url("x.mp4")}", urlish, (224, 224)) with { UploadName = Trap.Url("x.mp4") };
    }

    /// <summary>Rewrites the frame size in every JPEG SOF0 header, the tkhd and the stsd sample entry.</summary>
    private static void ClaimFrameSize(Span<byte> file, int side)
    {
        var size = (ushort)side;
        for (var i = 0; i + 9 < file.Length; i++)
        {
            // SOF0: FF C0, length (2), precision (1), height (2), width (2).
            if (file[i] != 0xFF || file[i + 1] != 0xC0) continue;
            BinaryPrimitives.WriteUInt16BigEndian(file[(i + 5)..], size);
            BinaryPrimitives.WriteUInt16BigEndian(file[(i + 7)..], size);
        }
        foreach (var tkhd in Mp4Boxes.Find(file, "tkhd"))
        {
            // Only the video track has a non-zero size; its width/height are 16.16 fixed point at 84/88.
            if (BinaryPrimitives.ReadUInt32BigEndian(file[(tkhd + 84)..]) == 0) continue;
            BinaryPrimitives.WriteUInt32BigEndian(file[(tkhd + 84)..], (uint)side << 16);
            BinaryPrimitives.WriteUInt32BigEndian(file[(tkhd + 88)..], (uint)side << 16);
        }
        foreach (var stsd in Mp4Boxes.Find(file, "stsd"))
        {
            // The first sample entry follows the 16-byte stsd header; a visual entry holds width/height at 32/34.
            var entry = stsd + 16;
            if (!file.Slice(entry + 4, 4).SequenceEqual("jpeg"u8) && !file.Slice(entry + 4, 4).SequenceEqual("mp4v"u8)) continue;
            BinaryPrimitives.WriteUInt16BigEndian(file[(entry + 32)..], size);
            BinaryPrimitives.WriteUInt16BigEndian(file[(entry + 34)..], size);
        }
    }
}
