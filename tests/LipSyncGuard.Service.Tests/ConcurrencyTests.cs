using System.Net;
using System.Net.Http.Headers;
using Xunit;

namespace LipSyncGuard.Service.Tests;

public sealed class ConcurrencyTests(SingleSlotServiceFactory factory) : IClassFixture<SingleSlotServiceFactory>
{
    [Fact]
    public async Task Post_SlotBusyAndNoQueue_429WithRetryAfter()
    {
        using var client = factory.CreateClient();
        // The first upload holds the only slot while its body trickles in.
        var gate = new TaskCompletionSource();
        using var slow = new GatedContent(gate.Task);
        var first = client.PostAsync("/api/lip-sync", slow);
        await slow.Started.Task.WaitAsync(TimeSpan.FromSeconds(30));

        using var second = await client.PostAsync("/api/lip-sync", Uploads.Video(await File.ReadAllBytesAsync(Uploads.Sample())));

        Assert.Equal(HttpStatusCode.TooManyRequests, second.StatusCode);
        Assert.NotNull(second.Headers.RetryAfter);
        gate.SetResult();
        using var firstResponse = await first;
        Assert.Equal(HttpStatusCode.OK, firstResponse.StatusCode);
    }

    /// <summary>A multipart body that sends its first bytes, then waits for a signal before sending the rest.</summary>
    private sealed class GatedContent : HttpContent
    {
        private readonly Task _gate;
        private readonly byte[] _body;

        public GatedContent(Task gate)
        {
            _gate = gate;
            using var form = Uploads.Video(File.ReadAllBytes(Uploads.Sample()));
            _body = form.ReadAsByteArrayAsync().GetAwaiter().GetResult();
            Headers.ContentType = form.Headers.ContentType;
        }

        public TaskCompletionSource Started { get; } = new();

        protected override async Task SerializeToStreamAsync(Stream stream, System.Net.TransportContext? context)
        {
            await stream.WriteAsync(_body.AsMemory(0, 512));
            await stream.FlushAsync();
            Started.TrySetResult();
            await _gate;
            await stream.WriteAsync(_body.AsMemory(512));
        }

        protected override bool TryComputeLength(out long length)
        {
            length = _body.Length;
            return true;
        }
    }
}
