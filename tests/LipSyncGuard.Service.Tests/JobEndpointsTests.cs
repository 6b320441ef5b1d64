using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using LipSyncGuard.Testing.Services;
using Microsoft.AspNetCore.Hosting;
using Xunit;

namespace LipSyncGuard.Service.Tests;

/// <summary>The jobs API on the embedded default (SQLite file, in-process queue, jobs run inside the service), with
/// one allowed callback host.</summary>
public sealed class JobsServiceFactory : ServiceFactory
{
    public const string CallbackHost = "hooks.example";

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("LipSync:Jobs:CallbackHosts:0", CallbackHost);
    }
}

/// <summary>The service with a job database that does not answer.</summary>
public sealed class UnreachableDatabaseFactory : ServiceFactory
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("LipSync:Jobs:Database", $"Host=127.0.0.1;Port={ServerProcess.FreePort()};Username=lipsync;Database=jobs;Timeout=2");
    }
}

public sealed class JobEndpointsTests(JobsServiceFactory factory) : IClassFixture<JobsServiceFactory>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(120);

    private static async Task<JsonElement> UntilFinalAsync(HttpClient client, Uri location)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (true)
        {
            var job = await client.GetFromJsonAsync<JsonElement>(location);
            if (job.GetProperty("state").GetString() is "succeeded" or "failed" or "cancelled") return job;
            Assert.InRange(job.GetProperty("progress").GetDouble(), 0, 1);
            Assert.True(DateTime.UtcNow < deadline, $"job stayed {job.GetProperty("state")}");
            await Task.Delay(100);
        }
    }

    private static string Comparable(JsonElement result)
    {
        var node = JsonNode.Parse(result.GetRawText())!.AsObject();
        node.Remove("processing_ms");
        node["file"]!.AsObject().Remove("name");
        return node.ToJsonString();
    }

    private int VideosLeft() => Directory.EnumerateFiles(factory.JobsDirectory).Count(f => !Path.GetFileName(f).StartsWith("jobs.db", StringComparison.Ordinal));

    [Fact]
    public async Task Post_Sample_202ThenSucceedsWithTheSynchronousResult()
    {
        using var client = factory.CreateClient();
        var bytes = await File.ReadAllBytesAsync(Uploads.Sample());

        using var response = await client.PostAsync("/api/v1/jobs", Uploads.Video(bytes, "interview.mp4"));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var location = response.Headers.Location!;
        Assert.StartsWith("/api/v1/jobs/", location.OriginalString, StringComparison.Ordinal);
        var job = await UntilFinalAsync(client, location);
        Assert.Equal("succeeded", job.GetProperty("state").GetString());
        Assert.Equal("interview.mp4", job.GetProperty("file_name").GetString());
        Assert.Equal(1, job.GetProperty("progress").GetDouble());
        var direct = await (await client.PostAsync("/api/lip-sync", Uploads.Video(bytes))).Content.ReadFromJsonAsync<JsonElement>();
        var result = job.GetProperty("result");
        Assert.Equal(direct.EnumerateObject().Select(p => p.Name), result.EnumerateObject().Select(p => p.Name));
        Assert.Equal(direct.GetProperty("is_fake").GetBoolean(), result.GetProperty("is_fake").GetBoolean());
        Assert.Equal(direct.GetProperty("manipulation_probability").GetDouble(), result.GetProperty("manipulation_probability").GetDouble(), 6);
        // Written the same way, number for number (the threshold at 4 decimals in both), but for the time taken and the
        // name of the file on the server's disk.
        Assert.Equal(Comparable(direct), Comparable(result));
        Assert.Equal(0, VideosLeft());
        var listed = await client.GetFromJsonAsync<JsonElement>("/api/jobs?state=succeeded");
        Assert.Contains(listed.EnumerateArray(), j => j.GetProperty("id").GetString() == job.GetProperty("id").GetString());
    }

    [Fact]
    public async Task Post_StrictOperatingPoint_ResultDrawnAtStrict()
    {
        using var client = factory.CreateClient();

        using var response = await client.PostAsync("/api/v1/jobs", Uploads.Video(await File.ReadAllBytesAsync(Uploads.Sample()), fields: ("operating_point", "strict")));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var job = await UntilFinalAsync(client, response.Headers.Location!);
        Assert.Equal("succeeded", job.GetProperty("state").GetString());
        // Stored with the job and applied by the worker: the strict point's thresholds, not the server's balanced ones.
        var result = job.GetProperty("result");
        var card = await client.GetFromJsonAsync<JsonElement>("/api/v1/model");
        var strict = card.GetProperty("cues").GetProperty("operating_points").GetProperty("strict");
        Assert.Equal("strict", result.GetProperty("operating_point").GetString());
        Assert.Equal(Math.Round(strict.GetProperty("manipulated").GetDouble(), 4), result.GetProperty("threshold").GetDouble());
        Assert.Equal(strict.GetProperty("inconclusive").GetDouble(), result.GetProperty("thresholds").GetProperty("inconclusive").GetDouble());
        Assert.Equal(0, VideosLeft());
    }

    [Theory]
    [MemberData(nameof(LipSyncEndpointsTests.HostileUploads), MemberType = typeof(LipSyncEndpointsTests))]
    public async Task Post_HostileUpload_SameStatusAndCodeAsTheSynchronousEndpoint(string kind, HttpStatusCode status, string code)
    {
        using var client = factory.CreateClient();
        var sample = await File.ReadAllBytesAsync(Uploads.Sample());
        byte[] bytes = kind switch
        {
            "text" => "just some text, not a video"u8.ToArray(),
            "random" => [.. Enumerable.Range(0, 65536).Select(i => (byte)(i * 7919 % 251))],
            "playlist" => "#EXTM3U\n#EXTINF:10,\nfile:///etc/passwd\n#EXT-X-ENDLIST\n"u8.ToArray(),
            "truncated" => sample[..(sample.Length / 100)],
            "empty" => [],
            _ => throw new ArgumentOutOfRangeException(nameof(kind)),
        };

        using var response = await client.PostAsync("/api/jobs", Uploads.Video(bytes, "../../etc/x.mp4"));

        // Refused at submission like the synchronous endpoint, or (a file only analysis finds broken) failed with the
        // same status and code.
        JsonElement problem;
        if (response.StatusCode == HttpStatusCode.Accepted)
        {
            var job = await UntilFinalAsync(client, response.Headers.Location!);
            Assert.Equal("failed", job.GetProperty("state").GetString());
            problem = job.GetProperty("error");
        }
        else
        {
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        }
        Assert.Equal((int)status, problem.GetProperty("status").GetInt32());
        Assert.Equal(code, problem.GetProperty("code").GetString());
        Assert.DoesNotContain(".partial", problem.ToString());
        Assert.Equal(0, VideosLeft());
    }

    [Fact]
    public async Task Post_SameIdempotencyKey_ReturnsTheFirstJob()
    {
        using var client = factory.CreateClient();
        var bytes = await File.ReadAllBytesAsync(Uploads.Sample());
        var key = Guid.NewGuid().ToString();

        async Task<Uri> SubmitAsync()
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/jobs") { Content = Uploads.Video(bytes) };
            request.Headers.Add("Idempotency-Key", key);
            using var response = await client.SendAsync(request);
            Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
            return response.Headers.Location!;
        }

        var first = await SubmitAsync();
        var second = await SubmitAsync();

        Assert.Equal(first, second);
        await UntilFinalAsync(client, first);
        Assert.Equal(0, VideosLeft());
    }

    [Theory]
    [InlineData("https://evil.example/steal")]
    [InlineData("file:///etc/passwd")]
    [InlineData("not a url")]
    public async Task Post_CallbackNotAllowed_400(string callback)
    {
        using var client = factory.CreateClient();

        using var response = await client.PostAsync("/api/jobs", Uploads.Video(await File.ReadAllBytesAsync(Uploads.Sample()), fields: ("callback_url", callback)));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("callback_not_allowed", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
        Assert.Equal(0, VideosLeft());
    }

    [Fact]
    public async Task Delete_FinishedJob_409AndUnknownJob_404()
    {
        using var client = factory.CreateClient();
        using var response = await client.PostAsync("/api/jobs", Uploads.Video(await File.ReadAllBytesAsync(Uploads.Sample())));
        await UntilFinalAsync(client, response.Headers.Location!);

        using var again = await client.DeleteAsync(response.Headers.Location);
        using var unknown = await client.DeleteAsync("/api/jobs/0123456789abcdef0123456789abcdef");
        using var malformed = await client.GetAsync("/api/jobs/..%2F..%2Fetc");

        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal("job_finished", (await again.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, malformed.StatusCode);
    }

    [Fact]
    public async Task Post_NotMultipart_415WithCodeTraceIdAndNothingStored()
    {
        using var client = factory.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/jobs") { Content = new ByteArrayContent(await File.ReadAllBytesAsync(Uploads.Sample())) };
        request.Content.Headers.ContentType = new("video/mp4");
        request.Headers.Add("X-Request-Id", "jobs-not-multipart");

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("not_multipart", problem.GetProperty("code").GetString());
        Assert.Equal("jobs-not-multipart", problem.GetProperty("trace_id").GetString());
        Assert.Equal(0, VideosLeft());
    }

    [Theory]
    [InlineData("?state=done", "bad_state")]
    [InlineData("?limit=0", "bad_limit")]
    public async Task List_BadQuery_400(string query, string code)
    {
        using var client = factory.CreateClient();

        using var response = await client.GetAsync("/api/jobs" + query);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(code, (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
    }

    [Fact]
    public async Task OpenApi_JobsEndpoints_Documented()
    {
        using var client = factory.CreateClient();

        var document = await client.GetFromJsonAsync<JsonElement>("/openapi/v1.json");

        var paths = document.GetProperty("paths");
        Assert.True(paths.TryGetProperty("/api/v1/jobs", out var jobs));
        Assert.True(jobs.TryGetProperty("post", out _));
        Assert.True(jobs.TryGetProperty("get", out _));
        Assert.True(paths.GetProperty("/api/v1/jobs/{id}").TryGetProperty("delete", out _));
        Assert.False(paths.TryGetProperty("/api/jobs", out _));
    }
}

public sealed class UnreachableDatabaseTests(UnreachableDatabaseFactory factory) : IClassFixture<UnreachableDatabaseFactory>
{
    [Fact]
    public async Task Post_DatabaseUnreachable_503WithRetryAfterAndNoFileLeft()
    {
        using var client = factory.CreateClient();

        using var response = await client.PostAsync("/api/jobs", Uploads.Video(await File.ReadAllBytesAsync(Uploads.Sample())));
        using var get = await client.GetAsync("/api/jobs/0123456789abcdef0123456789abcdef");
        using var ready = await client.GetAsync("/health/ready");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.NotNull(response.Headers.RetryAfter);
        Assert.Equal("jobs_unavailable", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
        Assert.Equal(HttpStatusCode.ServiceUnavailable, get.StatusCode);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        Assert.Contains("database", await ready.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Empty(Directory.EnumerateFiles(factory.JobsDirectory));
    }
}
