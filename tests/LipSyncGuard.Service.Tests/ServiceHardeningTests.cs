using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Xunit;

namespace LipSyncGuard.Service.Tests;

/// <summary>What every answer carries (request id, security headers), the versioned paths, CORS and API keys.</summary>
public sealed class ServiceHardeningTests(ServiceFactory factory) : IClassFixture<ServiceFactory>
{
    [Theory]
    [InlineData("/api/v1/model")]
    [InlineData("/api/model")]
    [InlineData("/health/ready")]
    [InlineData("/favicon.ico")]
    public async Task Get_Path_OkWithRequestIdAndSecurityHeaders(string path)
    {
        using var client = factory.CreateClient();

        using var response = await client.GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Matches("^[0-9a-f]{32}$", response.Headers.GetValues("X-Request-Id").Single());
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Contains("default-src 'self'", response.Headers.GetValues("Content-Security-Policy").Single());
    }

    [Fact]
    public async Task Get_ClientSendsRequestId_EchoedAndUsedAsTraceId()
    {
        using var client = factory.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/nothing-here");
        request.Headers.Add("X-Request-Id", "client-42.a");

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("client-42.a", response.Headers.GetValues("X-Request-Id").Single());
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("not_found", problem.GetProperty("code").GetString());
        Assert.Equal("client-42.a", problem.GetProperty("trace_id").GetString());
    }

    [Fact]
    public async Task Get_HostileRequestId_ReplacedByOurs()
    {
        using var client = factory.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/health/live");
        request.Headers.TryAddWithoutValidation("X-Request-Id", new string('x', 65));

        using var response = await client.SendAsync(request);

        Assert.Matches("^[0-9a-f]{32}$", response.Headers.GetValues("X-Request-Id").Single());
    }

    [Fact]
    public async Task Post_RawVideoBody_415WithCodeAndGuidance()
    {
        using var client = factory.CreateClient();
        using var body = new ByteArrayContent(await File.ReadAllBytesAsync(Uploads.Sample()));
        body.Headers.ContentType = new("video/mp4");

        using var response = await client.PostAsync("/api/v1/lip-sync", body);

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("not_multipart", problem.GetProperty("code").GetString());
        Assert.Contains("video_file", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Post_FileFieldWithEmptyFileName_StillTheFile()
    {
        using var client = factory.CreateClient();
        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent("not a video"u8.ToArray());
        // HttpClient refuses an empty file name, so the header is written as such clients send it.
        file.Headers.TryAddWithoutValidation("Content-Disposition", "form-data; name=\"video_file\"; filename=\"\"");
        form.Add(file);

        using var response = await client.PostAsync("/api/v1/lip-sync", form);

        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("unsupported_format", problem.GetProperty("code").GetString());
    }

    [Fact]
    public async Task Post_BundledSampleOnV1_ThresholdRoundedLikeTheProbabilities()
    {
        using var client = factory.CreateClient();

        var result = await (await client.PostAsync("/api/v1/lip-sync", Uploads.Video(await File.ReadAllBytesAsync(Uploads.Sample())))).Content.ReadFromJsonAsync<JsonElement>();

        var threshold = result.GetProperty("threshold").GetRawText();
        Assert.True(threshold.Length <= 6, $"threshold printed as {threshold}");
    }

    [Fact]
    public async Task GetDocs_Scalar_ConfiguredForThisProduct()
    {
        using var client = factory.CreateClient();

        var html = await client.GetStringAsync("/docs/");

        Assert.Contains("<title>LipSyncGuard API</title>", html);
        Assert.Contains("\"hideClientButton\":true", html);
        Assert.Contains("\"showDeveloperTools\":\"never\"", html);
        Assert.Contains("\"agent\":{\"disabled\":true}", html);
    }

    [Fact]
    public async Task Options_CorsOriginConfigured_PreflightAllowed()
    {
        await using var service = await LiveService.StartAsync("CorsOrigins=https://app.example.com");
        using var client = service.Client();
        using var preflight = new HttpRequestMessage(HttpMethod.Options, "/api/v1/lip-sync");
        preflight.Headers.Add("Origin", "https://app.example.com");
        preflight.Headers.Add("Access-Control-Request-Method", "POST");
        using var foreign = new HttpRequestMessage(HttpMethod.Options, "/api/v1/lip-sync");
        foreign.Headers.Add("Origin", "https://evil.example.com");
        foreign.Headers.Add("Access-Control-Request-Method", "POST");

        using var allowed = await client.SendAsync(preflight);
        using var refused = await client.SendAsync(foreign);

        Assert.Equal(HttpStatusCode.NoContent, allowed.StatusCode);
        Assert.Equal("https://app.example.com", allowed.Headers.GetValues("Access-Control-Allow-Origin").Single());
        Assert.False(refused.Headers.Contains("Access-Control-Allow-Origin"));
    }

    [Fact]
    public async Task Get_ApiKeysConfigured_401WithoutKeyAnd429PastTheKeysRate()
    {
        await using var service = await LiveService.StartAsync("ApiKeys=alpha,beta", "RequestsPerMinute=2");
        using var client = service.Client();

        using var anonymous = await client.GetAsync("/api/v1/model");
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/model");
            request.Headers.Add("X-Api-Key", "alpha");
            using var response = await client.SendAsync(request);
            statuses.Add(response.StatusCode);
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                Assert.Equal("rate_limited", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
                Assert.NotNull(response.Headers.RetryAfter);
            }
        }
        using var other = new HttpRequestMessage(HttpMethod.Get, "/api/v1/model");
        other.Headers.Add("X-Api-Key", "beta");
        using var otherKey = await client.SendAsync(other);
        using var health = await client.GetAsync("/health/live");

        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal("unauthorized", (await anonymous.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], statuses);
        Assert.Equal(HttpStatusCode.OK, otherKey.StatusCode);
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
    }
}
