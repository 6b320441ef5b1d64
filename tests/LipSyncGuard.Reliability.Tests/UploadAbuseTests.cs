using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using LipSyncGuard.Testing;
using LipSyncGuard.Testing.Reliability;
using Xunit;

namespace LipSyncGuard.Reliability.Tests;

/// <summary>Abuse of the upload itself, over real loopback sockets: too big, abandoned half way, trickled in slowly.</summary>
[Collection(CorpusCollection.Name)]
public sealed class UploadAbuseTests(CorpusFixture fixture)
{
    [Fact]
    public async Task Post_LargerThanLimit_413ProblemAndNothingKept()
    {
        var bytes = new byte[CorpusFixture.MaxUploadBytes + (256 * 1024)];
        new Random(3).NextBytes(bytes);
        using var form = Uploader.Form(bytes);

        var run = await Uploader.PostAsync(fixture.Http, form, TimeSpan.FromSeconds(60));

        Assert.Equal(413, run.Status);
        Assert.Equal("upload_too_large", JsonDocument.Parse(run.Body).RootElement.GetProperty("code").GetString());
        await AssertCleanAsync();
    }

    [Fact]
    public async Task Post_ClientDisconnectsMidUpload_FileRemovedAndServiceAnswersNext()
    {
        using (var socket = new TcpClient())
        {
            await socket.ConnectAsync(IPAddress.Loopback, fixture.Serve.BaseAddress.Port);
            var stream = socket.GetStream();
            const string boundary = "abandoned";
            var head = $"POST /api/lip-sync HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: multipart/form-data; boundary={boundary}\r\nContent-Length: 8000000\r\n\r\n"
                       + $"--{boundary}\r\nContent-Disposition: form-data; name=\"video_file\"; filename=\"a.mp4\"\r\nContent-Type: video/mp4\r\n\r\n";
            await stream.WriteAsync(Encoding.ASCII.GetBytes(head));
            await stream.WriteAsync(await File.ReadAllBytesAsync(fixture.Corpus.Real));
            await stream.FlushAsync();
            // The partial upload is on disk now; then the client vanishes.
            await WaitUntilAsync(() => Directory.EnumerateFiles(fixture.Serve.UploadDirectory).Any(), TimeSpan.FromSeconds(10));
        }

        await WaitUntilAsync(() => !Directory.EnumerateFiles(fixture.Serve.UploadDirectory).Any(), TimeSpan.FromSeconds(15));
        using var next = Uploader.Form("not a video"u8.ToArray());
        Assert.Equal(415, (await Uploader.PostAsync(fixture.Http, next, TimeSpan.FromSeconds(30))).Status);
        await AssertCleanAsync();
    }

    [Fact]
    public async Task Post_SlowUploadOnLoopback_StillAnswered()
    {
        var bytes = await File.ReadAllBytesAsync(fixture.Corpus.Real);
        using var form = Uploader.Form(bytes);
        var body = await form.ReadAsByteArrayAsync();
        using var slow = new TrickleContent(body, form.Headers.ContentType!, chunk: 8 * 1024, pause: TimeSpan.FromMilliseconds(150));

        var run = await Uploader.PostAsync(fixture.Http, slow, TimeSpan.FromSeconds(90));

        Assert.True(run.Status == 200, $"{run.Status} {run.Body}");
        Assert.True(run.Elapsed > TimeSpan.FromSeconds(1), "the body was not actually trickled");
        await AssertCleanAsync();
    }

    private async Task AssertCleanAsync()
    {
        await WaitUntilAsync(() => !Directory.EnumerateFileSystemEntries(fixture.Serve.UploadDirectory).Any(), TimeSpan.FromSeconds(10));
        Assert.Empty(TempFolder.Leftovers(fixture.Serve.TempDirectory));
        Assert.Empty(ChildProcesses.FfmpegMentioningAfterSettling(fixture.Serve.UploadDirectory));
        Assert.True(fixture.Serve.IsRunning, fixture.Serve.LogTail);
    }

    private static async Task WaitUntilAsync(Func<bool> condition, TimeSpan limit)
    {
        var deadline = DateTime.UtcNow + limit;
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"condition not met within {limit.TotalSeconds} s");
            await Task.Delay(50);
        }
    }
}
