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
    public async Task GetModel_DefaultCueVerdict_ReturnsItsCardWithOperatingPointsAndEvaluation()
    {
        using var client = factory.CreateClient();

        var card = await client.GetFromJsonAsync<JsonElement>("/api/model");

        Assert.Equal("cues", card.GetProperty("mode").GetString());
        var cues = card.GetProperty("cues");
        var balanced = cues.GetProperty("operating_points").GetProperty("balanced");
        Assert.Equal(Math.Round(balanced.GetProperty("manipulated").GetDouble(), 4), card.GetProperty("threshold").GetDouble(), 4);
        Assert.Contains("held-out", cues.GetProperty("evaluation").GetString(), StringComparison.Ordinal);
        Assert.True(cues.GetProperty("heads").GetArrayLength() >= 1);
        Assert.Contains(card.GetProperty("components").EnumerateArray(), c => c.GetString()!.Contains("BlazeFace", StringComparison.Ordinal));
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
