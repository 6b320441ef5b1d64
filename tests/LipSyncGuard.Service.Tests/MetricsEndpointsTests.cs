using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Xunit;

namespace LipSyncGuard.Service.Tests;

/// <summary>The Prometheus scrape endpoint of the service running jobs itself (embedded default).</summary>
[Collection(AloneCollection.Name)]
public sealed class MetricsEndpointsTests(JobsServiceFactory factory) : IClassFixture<JobsServiceFactory>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(120);

    [Fact]
    public async Task GetMetrics_AfterAJob_ExportsQueueDepthAndTheJobsDuration()
    {
        using var client = factory.CreateClient();
        using var posted = await client.PostAsync("/api/jobs", Uploads.Video(await File.ReadAllBytesAsync(Uploads.Sample())));
        Assert.Equal(HttpStatusCode.Accepted, posted.StatusCode);

        // The duration is recorded just after the result is stored, and the exporter caches a scrape briefly: poll.
        var deadline = DateTime.UtcNow + Patience;
        string scrape;
        while (true)
        {
            using var response = await client.GetAsync("/metrics");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.StartsWith("text/plain", response.Content.Headers.ContentType!.MediaType, StringComparison.Ordinal);
            scrape = await response.Content.ReadAsStringAsync();
            if (scrape.Contains("lipsync_jobs_duration_seconds_count{", StringComparison.Ordinal)) break;
            Assert.True(DateTime.UtcNow < deadline, $"no job duration in /metrics:\n{scrape}");
            await Task.Delay(200);
        }

        var job = await client.GetFromJsonAsync<JsonElement>(posted.Headers.Location);
        Assert.Equal("succeeded", job.GetProperty("state").GetString());
        Assert.Contains("# TYPE lipsync_jobs_duration_seconds histogram", scrape, StringComparison.Ordinal);
        Assert.Matches(@"lipsync_jobs_duration_seconds_count\{[^}]*outcome=""succeeded""[^}]*\} [1-9]", scrape);
        Assert.Matches(@"lipsync_jobs_finished_total\{[^}]*outcome=""succeeded""[^}]*\} [1-9]", scrape);
        Assert.Matches(@"(?m)^lipsync_jobs_queue_depth(\{[^}]*\})? [0-9]", scrape);
    }
}
