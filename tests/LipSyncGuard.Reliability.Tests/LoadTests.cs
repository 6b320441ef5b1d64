using LipSyncGuard.Testing;
using LipSyncGuard.Testing.Reliability;
using Xunit;

namespace LipSyncGuard.Reliability.Tests;

/// <summary>A CI-sized burst against a real service with one slot and a queue of two: every request is answered, the
/// overflow gets 429 with Retry-After, none is lost (the 50-client run is <c>bench … reliability</c>).</summary>
public sealed class LoadTests
{
    [Fact]
    public async Task Post_BurstBeyondQueue_EveryRequestAnsweredOverflow429()
    {
        using var work = new TempDir("lsg-load-");
        var clip = work.File("clip.mp4");
        Ffmpeg.Run("-t", "3", "-i", Path.Combine(SharedMedia.RepositoryRoot, "samples", "real_vox2_00015.mp4"), "-c", "copy", clip);
        await using var serve = await ServeProcess.StartAsync(LipsyncCli.BesideThisProgram, work.Path, new Dictionary<string, string>
        {
            ["MaxConcurrentAnalyses"] = "1",
            ["QueueLimit"] = "2",
            ["RetryAfterSeconds"] = "7",
        });

        var report = await LoadRunner.RunAsync(serve, await File.ReadAllBytesAsync(clip), clients: 8, TimeSpan.FromSeconds(120));

        Assert.Equal(0, report.Lost);
        Assert.Empty(report.Other);
        Assert.Equal(8, report.Ok + report.Busy);
        Assert.InRange(report.Ok, 3, 8);
        Assert.True(report.Busy >= 1, "eight at once on one slot and a queue of two must overflow");
        Assert.Equal(0, report.BusyWithoutRetryAfter);
        Assert.True(report.RssPeakBytes < 2L * 1024 * 1024 * 1024, $"peak RSS {report.RssPeakBytes / (1 << 20)} MB");
        Assert.Empty(Directory.EnumerateFileSystemEntries(serve.UploadDirectory));
        Assert.Empty(ChildProcesses.FfmpegMentioningAfterSettling(serve.UploadDirectory));
    }
}
