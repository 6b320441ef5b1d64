using LipSyncGuard.Testing;
using LipSyncGuard.Testing.Reliability;
using Xunit;

namespace LipSyncGuard.Reliability.Tests;

/// <summary>Two <c>lipsync serve</c> processes with one upload folder and TMPDIR: a starting instance never deletes a
/// live one's upload, and removes a killed one's leftovers at once. In the corpus collection: serial with the other
/// process-heavy tests, so the trickle timing is not starved of CPU.</summary>
[Collection(CorpusCollection.Name)]
public sealed class SharedUploadFolderTests
{
    private static readonly Dictionary<string, string> Settings = new() { ["MinUploadBytesPerSecond"] = "1024" };

    [Fact]
    public async Task Serve_SecondInstanceStartsMidUpload_FirstAnswersAndKilledInstancesLeftoverGoesAtStart()
    {
        using var work = new TempDir("lsg-two-");
        var video = await File.ReadAllBytesAsync(Path.Combine(SharedMedia.RepositoryRoot, "samples", "real_vox2_00015.mp4"));
        var first = await ServeProcess.StartAsync(LipsyncCli.BesideThisProgram, work.Path, Settings);
        using var http = new HttpClient { BaseAddress = first.BaseAddress, Timeout = Timeout.InfiniteTimeSpan };

        // ~13 s of upload (8 KB every 0.5 s); the second instance starts while it is on disk half written.
        var inFlight = TrickleAsync(http, video, TimeSpan.FromMilliseconds(500));
        await WaitUntilAsync(() => Directory.EnumerateFiles(first.UploadDirectory).Any() || inFlight.IsCompleted);
        if (inFlight.IsCompleted)
        {
            var early = await inFlight;
            Assert.Fail($"the upload ended before it reached the disk: {early.Status} {early.Body} {early.Failure}");
        }
        await using var second = await ServeProcess.StartAsync(LipsyncCli.BesideThisProgram, work.Path, Settings);
        var run = await inFlight;

        Assert.True(run.Status == 200, $"{run.Status} {run.Body}");

        var abandoned = TrickleAsync(http, video, TimeSpan.FromSeconds(2));
        await WaitUntilAsync(() => Directory.EnumerateFiles(first.UploadDirectory).Any() || abandoned.IsCompleted);
        var leftover = Directory.EnumerateFiles(first.UploadDirectory).Single();
        await first.DisposeAsync();
        await abandoned;
        Assert.True(File.Exists(leftover), "kill -9 leaves the partial upload behind");
        await using var third = await ServeProcess.StartAsync(LipsyncCli.BesideThisProgram, work.Path, Settings);

        Assert.False(File.Exists(leftover), "the next instance did not remove the killed one's upload at start");
        Assert.True(second.IsRunning && third.IsRunning, second.LogTail + third.LogTail);
    }

    private static async Task<HttpRun> TrickleAsync(HttpClient http, byte[] video, TimeSpan pause)
    {
        using var form = Uploader.Form(video);
        var body = await form.ReadAsByteArrayAsync();
        using var trickle = new TrickleContent(body, form.Headers.ContentType!, chunk: 8 * 1024, pause: pause);
        return await Uploader.PostAsync(http, trickle, TimeSpan.FromSeconds(120));
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "condition not met within 60 s");
            await Task.Delay(50);
        }
    }
}
