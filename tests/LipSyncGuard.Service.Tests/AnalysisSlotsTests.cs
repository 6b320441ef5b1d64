using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using LipSyncGuard.Service.LipSync;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace LipSyncGuard.Service.Tests;

/// <summary>Uploads compete for analysis slots only once they have arrived; readiness says busy when none is free.</summary>
public sealed class AnalysisSlotsTests
{
    [Fact]
    public async Task Post_StalledUploadsHoldNoSlot_NormalRequestAnalysedAndReady()
    {
        await using var service = await LiveService.StartAsync("MaxConcurrentAnalyses=1", "QueueLimit=0", "MinUploadBytesPerSecond=0");
        using var client = service.Client();
        var stalled = Enumerable.Range(0, 4).Select(_ => new StalledUpload()).ToList();
        var posts = stalled.Select(s => client.PostAsync("/api/v1/lip-sync", s.Form)).ToList();
        await Task.WhenAll(stalled.Select(s => s.Started.Task)).WaitAsync(TimeSpan.FromSeconds(30));

        using var ready = await client.GetAsync("/health/ready");
        using var normal = await client.PostAsync("/api/v1/lip-sync", Uploads.Video(await File.ReadAllBytesAsync(Uploads.Sample())));

        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.Equal(HttpStatusCode.OK, normal.StatusCode);
        foreach (var s in stalled) s.Release.SetResult();
        await Task.WhenAll(posts.Select(p => p.ContinueWith(_ => { }, TaskScheduler.Default)));
    }

    [Fact]
    public async Task GetReady_EverySlotTaken_503BusyAndPost429Busy()
    {
        await using var service = await LiveService.StartAsync("MaxConcurrentAnalyses=1", "QueueLimit=0");
        using var client = service.Client();
        var slots = service.App.Services.GetRequiredService<AnalysisSlots>();

        using (var lease = await slots.AcquireAsync(CancellationToken.None))
        {
            Assert.True(lease.IsAcquired);
            using var ready = await client.GetAsync("/health/ready");
            using var post = await client.PostAsync("/api/v1/lip-sync", Uploads.Video(await File.ReadAllBytesAsync(Uploads.Sample())));

            Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
            Assert.Equal("busy", (await ready.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
            Assert.Equal(HttpStatusCode.TooManyRequests, post.StatusCode);
            Assert.Equal("busy", (await post.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
            Assert.NotNull(post.Headers.RetryAfter);
        }
        using var after = await client.GetAsync("/health/ready");
        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
        Assert.Empty(Directory.EnumerateFileSystemEntries(service.UploadDirectory));
    }

    [Fact]
    public async Task Post_UploadSlowerThanTheMinimumRate_Dropped()
    {
        // 1 KB/s against a 16 KB/s minimum: Kestrel ends the request after its grace period, well before the 8 MB would arrive.
        await using var service = await LiveService.StartAsync("MinUploadBytesPerSecond=16384");
        using var client = service.Client();
        var stalled = new StalledUpload();

        var post = client.PostAsync("/api/v1/lip-sync", stalled.Form);
        var outcome = await Task.WhenAny(post, Task.Delay(TimeSpan.FromSeconds(40)));

        Assert.Same(post, outcome);
        if (post.IsCompletedSuccessfully) Assert.NotEqual(HttpStatusCode.OK, (await post).StatusCode);
        stalled.Release.SetResult();
        await WaitForEmptyAsync(service.UploadDirectory);
    }

    private static async Task WaitForEmptyAsync(string directory)
    {
        for (var i = 0; i < 50 && Directory.EnumerateFileSystemEntries(directory).Any(); i++) await Task.Delay(100);
        Assert.Empty(Directory.EnumerateFileSystemEntries(directory));
    }

    /// <summary>A multipart upload that sends its headers and a first KB, then a KB a second until released.</summary>
    private sealed class StalledUpload
    {
        public TaskCompletionSource Started { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TaskCompletionSource Release { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public MultipartFormDataContent Form
        {
            get
            {
                var file = new Trickle(this);
                file.Headers.ContentType = new("video/mp4");
                return new MultipartFormDataContent { { file, "video_file", "slow.mp4" } };
            }
        }

        private sealed class Trickle(StalledUpload owner) : HttpContent
        {
            protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
            {
                var chunk = new byte[1024];
                for (var i = 0; i < 8 * 1024 && !owner.Release.Task.IsCompleted; i++)
                {
                    await stream.WriteAsync(chunk);
                    await stream.FlushAsync();
                    owner.Started.TrySetResult();
                    await Task.WhenAny(owner.Release.Task, Task.Delay(1000));
                }
                throw new IOException("the client gave up");
            }

            protected override bool TryComputeLength(out long length)
            {
                length = 0;
                return false;
            }
        }
    }
}
