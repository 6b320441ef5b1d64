using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Xunit;

namespace LipSyncGuard.Service.Tests;

public sealed class OtherEndpointsTests(ServiceFactory factory) : IClassFixture<ServiceFactory>
{
    [Theory]
    [InlineData("/health/live")]
    [InlineData("/health/ready")]
    [InlineData("/openapi/v1.json")]
    [InlineData("/docs")]
    [InlineData("/")]
    [InlineData("/app.js")]
    public async Task Get_Endpoint_Ok(string url)
    {
        using var client = factory.CreateClient();

        using var response = await client.GetAsync(url);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task GetOpenApi_Document_DescribesTheUpload()
    {
        using var client = factory.CreateClient();

        var document = await client.GetStringAsync("/openapi/v1.json");

        Assert.Contains("/api/v1/lip-sync", document);
    }

    [Fact]
    public async Task GetPage_NoExternalScripts()
    {
        using var client = factory.CreateClient();

        var html = await client.GetStringAsync("/");

        Assert.DoesNotContain("http://", html);
        Assert.DoesNotContain("https://", html);
        Assert.Contains("video_file", await client.GetStringAsync("/app.js"));
    }
}

/// <summary>The service with the shipped trained detector instead of the default cue verdict.</summary>
public sealed class DetectorServiceFactory : ServiceFactory
{
    protected override void ConfigureWebHost(Microsoft.AspNetCore.Hosting.IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("LipSync:Weights", Path.Combine(LipSyncGuard.Testing.SharedMedia.RepositoryRoot, "models", "lipsyncguard-default.safetensors"));
    }
}

public sealed class ShippedDetectorEndpointsTests(DetectorServiceFactory factory) : IClassFixture<DetectorServiceFactory>
{
    [Fact]
    public async Task GetModel_ShippedDetector_ReturnsItsCardWithTheCalibratedThreshold()
    {
        using var client = factory.CreateClient();

        var card = await client.GetFromJsonAsync<JsonElement>("/api/model");

        Assert.Equal("model", card.GetProperty("mode").GetString());
        var detector = card.GetProperty("detector");
        Assert.Equal(detector.GetProperty("threshold").GetDouble(), card.GetProperty("threshold").GetDouble());
        Assert.Equal(detector.GetProperty("calibration").GetProperty("threshold").GetDouble(), card.GetProperty("threshold").GetDouble());
        Assert.True(detector.GetProperty("evaluations").TryGetProperty("held-out", out _), "the card records its held-out evaluation");
        Assert.NotEqual(0, detector.GetProperty("limitations").GetArrayLength());
        Assert.Contains(card.GetProperty("components").EnumerateArray(), c => c.GetString()!.Contains("BlazeFace", StringComparison.Ordinal));
    }
}
