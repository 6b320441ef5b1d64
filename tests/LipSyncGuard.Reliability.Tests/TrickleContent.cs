using System.Net;
using System.Net.Http.Headers;

namespace LipSyncGuard.Reliability.Tests;

/// <summary>A request body sent in small chunks with pauses, as a slow client on a poor link would.</summary>
internal sealed class TrickleContent : HttpContent
{
    private readonly byte[] _body;
    private readonly int _chunk;
    private readonly TimeSpan _pause;

    public TrickleContent(byte[] body, MediaTypeHeaderValue contentType, int chunk, TimeSpan pause)
    {
        _body = body;
        _chunk = chunk;
        _pause = pause;
        Headers.ContentType = contentType;
    }

    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
    {
        for (var at = 0; at < _body.Length; at += _chunk)
        {
            await stream.WriteAsync(_body.AsMemory(at, Math.Min(_chunk, _body.Length - at)));
            await stream.FlushAsync();
            await Task.Delay(_pause);
        }
    }

    protected override bool TryComputeLength(out long length)
    {
        length = _body.Length;
        return true;
    }
}
