using System.Net;
using LipSyncGuard.Testing;
using LipSyncGuard.Testing.Reliability;
using Xunit;
using Xunit.Abstractions;

namespace LipSyncGuard.Reliability.Tests;

/// <summary>Slow clients against a real service: they hold no analysis slot while uploading, and the minimum data rate
/// ends them. In the corpus collection: serial with the other process-heavy tests.</summary>
[Collection(CorpusCollection.Name)]
public sealed class SlowUploadTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Post_TenUploadsAt1KBps_NormalRequestServedReadyAndSlowOnesDropped()
    {
        using var work = new TempDir("lsg-slow-");
        await using var serve = await ServeProcess.StartAsync(LipsyncCli.BesideThisProgram, work.Path, new Dictionary<string, string>
        {
            ["MaxConcurrentAnalyses"] = "2",
            ["QueueLimit"] = "8",
        });
        using var http = new HttpClient { BaseAddress = serve.BaseAddress, Timeout = Timeout.InfiniteTimeSpan };
        var video = await File.ReadAllBytesAsync(Path.Combine(SharedMedia.RepositoryRoot, "samples", "real_vox2_00015.mp4"));
        var slow = Enumerable.Range(0, 10).Select(_ => TrickleAsync(http, video)).ToList();
        await Task.Delay(TimeSpan.FromSeconds(3));

        using var ready = await http.GetAsync("health/ready");
        using var form = Uploader.Form(video);
        var normal = await Uploader.PostAsync(http, form, TimeSpan.FromSeconds(120));
        var slowRuns = await Task.WhenAll(slow);

        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.True(normal.Status == 200, $"{normal.Status} {normal.Body}");
        Assert.All(slowRuns, r => Assert.NotEqual(200, r.Status));
        Assert.All(slowRuns, r => Assert.True(r.Elapsed < TimeSpan.FromSeconds(40), $"a 1 KB/s upload lasted {r.Elapsed.TotalSeconds:0} s"));
        output.WriteLine($"normal request: {normal.Status} in {normal.Elapsed.TotalSeconds:0.0} s; slow uploads ended after "
            + $"{slowRuns.Min(r => r.Elapsed.TotalSeconds):0.0}–{slowRuns.Max(r => r.Elapsed.TotalSeconds):0.0} s with "
            + string.Join(", ", slowRuns.GroupBy(r => r.Status == 0 ? "connection closed" : r.Status.ToString(System.Globalization.CultureInfo.InvariantCulture)).Select(g => $"{g.Count()}× {g.Key}")));
        for (var i = 0; i < 100 && Directory.EnumerateFileSystemEntries(serve.UploadDirectory).Any(); i++) await Task.Delay(100);
        Assert.Empty(Directory.EnumerateFileSystemEntries(serve.UploadDirectory));
        Assert.True(serve.IsRunning, serve.LogTail);
    }

    private static async Task<HttpRun> TrickleAsync(HttpClient http, byte[] video)
    {
        using var form = Uploader.Form(video);
        var body = await form.ReadAsByteArrayAsync();
        using var trickle = new TrickleContent(body, form.Headers.ContentType!, chunk: 1024, pause: TimeSpan.FromSeconds(1));
        return await Uploader.PostAsync(http, trickle, TimeSpan.FromSeconds(60));
    }
}
