using System.Diagnostics;
using System.Net.Http.Headers;

namespace LipSyncGuard.Testing.Reliability;

/// <summary>Posts files to <c>/api/lip-sync</c> as a browser would (multipart field <c>video_file</c>), with a wall-clock
/// limit per request.</summary>
public static class Uploader
{
    /// <summary>A multipart body carrying <paramref name="bytes"/> as <paramref name="fileName"/>.</summary>
    public static MultipartFormDataContent Form(byte[] bytes, string fileName = "video.mp4", string contentType = "video/mp4")
    {
        var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        form.Add(file, "video_file", fileName);
        return form;
    }

    /// <summary>Uploads and reads the whole answer; a request past <paramref name="timeout"/> is abandoned and reported.</summary>
    public static async Task<HttpRun> PostAsync(HttpClient client, HttpContent content, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        var watch = Stopwatch.StartNew();
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(timeout);
        try
        {
            using var response = await client.PostAsync("api/lip-sync", content, limit.Token).ConfigureAwait(false);
            var body = await response.Content.ReadAsStringAsync(limit.Token).ConfigureAwait(false);
            var retry = response.Headers.RetryAfter?.Delta is { } delta ? (int?)delta.TotalSeconds : null;
            return new HttpRun((int)response.StatusCode, response.Content.Headers.ContentType?.MediaType, body, watch.Elapsed, false) { RetryAfterSeconds = retry };
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new HttpRun(0, null, "", watch.Elapsed, true, "no answer in time");
        }
        catch (HttpRequestException e)
        {
            return new HttpRun(0, null, "", watch.Elapsed, false, e.Message);
        }
    }
}
