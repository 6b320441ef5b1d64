using Xunit;
using System.Security.Cryptography;
using LipSyncGuard.Testing;

namespace LipSyncGuard.Media.Tests;

/// <summary>Files a user (or an attacker) may hand us: each gets its error code, nothing is left running, nothing the
/// user gave is changed, and referenced files are never opened.</summary>
public sealed class HostileInputTests(GeneratedMedia media) : IClassFixture<GeneratedMedia>
{
    public static TheoryData<string, string> Cases => new()
    {
        { "zero-bytes", "empty_file" },
        { "random-bytes", "unsupported_format" },
        { "text-named-mp4", "unsupported_format" },
        { "truncated-30pct", "corrupt" },
        { "hls-to-passwd", "unsupported_format" },
        { "ffconcat-to-passwd", "unsupported_format" },
        { "audio-only", "no_video" },
        { "directory", "not_found" },
        { "missing", "not_found" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task DecodeAsync_HostileInput_FailsWithCodeAndLeavesNothing(string kind, string expectedCode)
    {
        var path = Make(kind);
        var before = File.Exists(path) ? Hash(path) : null;
        var filesBefore = Directory.EnumerateFileSystemEntries(media.Dir, "*", SearchOption.AllDirectories).Count();

        var error = await Assert.ThrowsAsync<MediaException>(async () =>
        {
            await foreach (var frame in new VideoDecoder().DecodeAsync(path)) frame.Dispose();
        });

        Assert.Equal(expectedCode, error.CodeName);
        Assert.DoesNotContain("\n", error.Message);
        Assert.Empty(ChildProcesses.FfmpegChildrenAfterSettling());
        Assert.Equal(filesBefore, Directory.EnumerateFileSystemEntries(media.Dir, "*", SearchOption.AllDirectories).Count());
        if (before is not null) Assert.Equal(before, Hash(path));
    }

    [Fact]
    public async Task ProbeAsync_PlaylistPointingAtCanary_NeverOpensIt()
    {
        using var dir = new TempDir();
        var canary = dir.File("canary.mp4");
        File.Copy(media.Clip, canary);
        var playlist = dir.File("list.m3u8");
        await File.WriteAllTextAsync(playlist, $"#EXTM3U\n#EXT-X-TARGETDURATION:2\n#EXTINF:2,\n{canary}\n#EXT-X-ENDLIST\n");
        var concat = dir.File("list.ffconcat");
        await File.WriteAllTextAsync(concat, $"ffconcat version 1.0\nfile '{canary}'\n");
        // atime is only updated when older than mtime under relatime: push it back so a read would move it.
        File.SetLastAccessTimeUtc(canary, DateTime.UtcNow.AddDays(-2));
        File.SetLastWriteTimeUtc(canary, DateTime.UtcNow.AddDays(-1));
        var atimeBefore = File.GetLastAccessTimeUtc(canary);

        foreach (var list in new[] { playlist, concat })
        {
            var error = await Assert.ThrowsAsync<MediaException>(() => new MediaProber().ProbeAsync(list));
            Assert.Equal(MediaErrorCode.UnsupportedFormat, error.Code);
        }

        Assert.Equal(atimeBefore, File.GetLastAccessTimeUtc(canary));
    }

    [Fact]
    public async Task ProbeAsync_NameThatLooksLikeAUrl_IsReadAsALocalFile()
    {
        using var dir = new TempDir();
        var path = dir.File("http:evil.mp4");
        File.Copy(media.Clip, path);

        var info = await new MediaProber().ProbeAsync(path);

        Assert.Equal(64, info.Video!.Width);
    }

    [Fact]
    public async Task DecodeAsync_UnicodeAndSpacesInPath_Decodes()
    {
        using var dir = new TempDir();
        var folder = Path.Combine(dir.Path, "Ünïcödé folder — 视频");
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, "my clip (1) ✓.mp4");
        File.Copy(media.Clip, path);

        var count = 0;
        await foreach (var frame in new VideoDecoder().DecodeAsync(path))
        {
            using (frame) count++;
        }

        Assert.Equal(50, count);
    }

    private string Make(string kind)
    {
        var path = Path.Combine(media.Dir, kind + ".mp4");
        switch (kind)
        {
            case "zero-bytes":
                File.WriteAllBytes(path, []);
                break;
            case "random-bytes":
                var bytes = new byte[64 * 1024];
                new Random(1234).NextBytes(bytes);
                bytes[0] = 0x13; // never a container signature by accident
                File.WriteAllBytes(path, bytes);
                break;
            case "text-named-mp4":
                File.WriteAllText(path, "This is not a video, just some text someone renamed to .mp4\n");
                break;
            case "truncated-30pct":
                // Move the index to the end first so cutting the tail removes it, as with a partial download.
                var tail = Path.Combine(media.Dir, "moov-at-end.mp4");
                if (!File.Exists(tail)) Ffmpeg.Run("-i", media.Clip, "-c", "copy", "-movflags", "-faststart", tail);
                var all = File.ReadAllBytes(tail);
                File.WriteAllBytes(path, all[..(all.Length * 3 / 10)]);
                break;
            case "hls-to-passwd":
                path = Path.ChangeExtension(path, ".m3u8");
                File.WriteAllText(path, "#EXTM3U\n#EXT-X-TARGETDURATION:10\n#EXTINF:10,\n/etc/passwd\n#EXT-X-ENDLIST\n");
                break;
            case "ffconcat-to-passwd":
                File.WriteAllText(path, "ffconcat version 1.0\nfile '/etc/passwd'\n");
                break;
            case "audio-only":
                return media.AudioOnly;
            case "directory":
                Directory.CreateDirectory(path + ".d");
                return path + ".d";
            case "missing":
                return Path.Combine(media.Dir, "does-not-exist.mp4");
            default:
                throw new ArgumentOutOfRangeException(nameof(kind), kind, null);
        }
        return path;
    }

    private static string Hash(string path) => Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(path)));
}
