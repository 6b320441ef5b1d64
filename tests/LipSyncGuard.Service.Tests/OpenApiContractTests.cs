using System.Diagnostics;
using System.Text.Json;
using LipSyncGuard.Testing;
using Microsoft.OpenApi;
using Xunit;

namespace LipSyncGuard.Service.Tests;

/// <summary>The OpenAPI document says what the endpoints accept and return, and is valid.</summary>
public sealed class OpenApiContractTests(ServiceFactory factory) : IClassFixture<ServiceFactory>
{
    [Fact]
    public async Task GetDocument_OpenApiValidator_NoErrorsOrWarnings()
    {
        using var client = factory.CreateClient();
        var json = await client.GetStringAsync("/openapi/v1.json");

        var (document, diagnostic) = OpenApiDocument.Parse(json, "json");

        Assert.NotNull(document);
        Assert.Empty(diagnostic!.Errors);
        Assert.Empty(diagnostic.Warnings);
        Assert.Empty(document.Validate(ValidationRuleSet.GetDefaultRuleSet()) ?? []);
    }

    [SkippableFact]
    public async Task GetDocument_RedoclyRecommendedRules_NoErrors()
    {
        var redocly = Path.Combine(SharedMedia.RepositoryRoot, ".cache", "tools", "redocly", "node_modules", ".bin", "redocly");
        Skip.IfNot(File.Exists(redocly), "@redocly/cli is not installed (./setup.sh installs it: scripts/setup.d/50-redocly.sh)");
        using var dir = new TempDir();
        using var client = factory.CreateClient();
        var document = dir.File("openapi.json");
        await File.WriteAllTextAsync(document, await client.GetStringAsync("/openapi/v1.json"));
        var info = new ProcessStartInfo(redocly) { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = dir.Path };
        foreach (var argument in new[] { "lint", document, "--format=stylish" }) info.ArgumentList.Add(argument);
        // Offline and quiet: no usage reporting, no update check.
        info.Environment["REDOCLY_TELEMETRY"] = "off";
        info.Environment["REDOCLY_SUPPRESS_UPDATE_NOTICE"] = "true";

        using var lint = Process.Start(info)!;
        var output = lint.StandardOutput.ReadToEndAsync();
        var errors = lint.StandardError.ReadToEndAsync();
        await lint.WaitForExitAsync(new CancellationTokenSource(TimeSpan.FromMinutes(2)).Token);

        Assert.True(lint.ExitCode == 0, await output + await errors);
    }

    [Theory]
    [InlineData("/api/v1/lip-sync")]
    [InlineData("/api/v1/jobs")]
    public async Task GetDocument_Upload_IsAMultipartFormWithTheFileAndOptions(string path)
    {
        using var root = await DocumentAsync();

        var schema = root.RootElement.GetProperty("paths").GetProperty(path).GetProperty("post")
            .GetProperty("requestBody").GetProperty("content").GetProperty("multipart/form-data").GetProperty("schema");

        Assert.Equal(["video_file"], schema.GetProperty("required").EnumerateArray().Select(e => e.GetString()));
        var properties = schema.GetProperty("properties");
        Assert.Equal("binary", properties.GetProperty("video_file").GetProperty("format").GetString());
        Assert.Equal(["longest", "largest", "first", "all"], properties.GetProperty("select_strategy").GetProperty("enum").EnumerateArray().Select(e => e.GetString()));
        Assert.Contains("integer", properties.GetProperty("max_faces").GetProperty("type").EnumerateArray().Select(e => e.GetString()));
        Assert.Contains("boolean", properties.GetProperty("all_faces").GetProperty("type").EnumerateArray().Select(e => e.GetString()));
        var point = properties.GetProperty("operating_point");
        Assert.Equal(["strict", "balanced", "sensitive"], point.GetProperty("enum").EnumerateArray().Select(e => e.GetString()));
        Assert.Contains("null", point.GetProperty("type").EnumerateArray().Select(e => e.GetString()));
    }

    [Fact]
    public async Task GetDocument_Numbers_PlainNumbersNullableWhereNotJudged()
    {
        using var root = await DocumentAsync();
        var schemas = root.RootElement.GetProperty("components").GetProperty("schemas");

        Assert.DoesNotContain("anyOf", root.RootElement.GetRawText());
        Assert.Equal("number", schemas.GetProperty("AnalysisResult").GetProperty("properties").GetProperty("manipulation_probability").GetProperty("type").GetString());
        var face = schemas.GetProperty("FaceResult").GetProperty("properties");
        foreach (var name in new[] { "manipulation_probability", "sync_score", "av_offset_ms", "texture_probability" })
            Assert.Equal(["null", "number"], face.GetProperty(name).GetProperty("type").EnumerateArray().Select(e => e.GetString()).Order());
    }

    [Fact]
    public async Task GetDocument_EveryError_ProblemDetailsWithCodeAndTraceId()
    {
        using var root = await DocumentAsync();

        var problem = root.RootElement.GetProperty("components").GetProperty("schemas").GetProperty("ProblemDetails");
        Assert.Contains("code", problem.GetProperty("required").EnumerateArray().Select(e => e.GetString()));
        Assert.Contains("trace_id", problem.GetProperty("required").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal("integer", problem.GetProperty("properties").GetProperty("status").GetProperty("type").EnumerateArray().First(t => t.GetString() != "null").GetString());
        var errors = root.RootElement.GetProperty("paths").EnumerateObject().SelectMany(p => p.Value.EnumerateObject())
            .SelectMany(o => o.Value.GetProperty("responses").EnumerateObject()).Where(r => r.Name[0] is '4' or '5').ToList();
        Assert.NotEmpty(errors);
        Assert.All(errors, r => Assert.Equal("#/components/schemas/ProblemDetails",
            r.Value.GetProperty("content").GetProperty("application/problem+json").GetProperty("schema").GetProperty("$ref").GetString()));
    }

    [Fact]
    public async Task GetDocument_Tags_NameTheProductNotTheClasses()
    {
        using var root = await DocumentAsync();

        var tags = root.RootElement.GetProperty("paths").EnumerateObject().SelectMany(p => p.Value.EnumerateObject())
            .SelectMany(o => o.Value.GetProperty("tags").EnumerateArray()).Select(t => t.GetString()).Distinct().Order();
        Assert.Equal(["health", "jobs", "lip-sync", "model"], tags);
        Assert.Equal("LipSyncGuard API", root.RootElement.GetProperty("info").GetProperty("title").GetString());
    }

    private async Task<JsonDocument> DocumentAsync()
    {
        using var client = factory.CreateClient();
        return JsonDocument.Parse(await client.GetStringAsync("/openapi/v1.json"));
    }
}
