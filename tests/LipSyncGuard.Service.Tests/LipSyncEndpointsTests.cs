using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using LipSyncGuard.Testing;
using Xunit;

namespace LipSyncGuard.Service.Tests;

public sealed class LipSyncEndpointsTests(ServiceFactory factory) : IClassFixture<ServiceFactory>
{
    [Fact]
    public async Task Post_BundledSample_ReturnsTheFourSeedFields()
    {
        using var client = factory.CreateClient();

        using var response = await client.PostAsync("/api/lip-sync", Uploads.Video(await File.ReadAllBytesAsync(Uploads.Sample())));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var root = json.RootElement;
        Assert.InRange(root.GetProperty("confidence").GetDouble(), 0, 1);
        Assert.InRange(root.GetProperty("manipulation_probability").GetDouble(), 0, 1);
        Assert.Equal(1, root.GetProperty("confidence").GetDouble() + root.GetProperty("manipulation_probability").GetDouble(), 3);
        Assert.Equal(!root.GetProperty("is_fake").GetBoolean(), root.GetProperty("is_real").GetBoolean());
        var face = root.GetProperty("faces")[0];
        Assert.True(face.GetProperty("selected").GetBoolean());
        Assert.False(face.GetProperty("fallback").GetBoolean());
        Assert.True(face.GetProperty("timeline").GetArrayLength() > 5);
        Assert.Equal("cues", root.GetProperty("model").GetProperty("mode").GetString());
        Assert.Empty(Directory.EnumerateFileSystemEntries(factory.UploadDirectory));
    }

    [Fact]
    public async Task Post_RealSampleInSync_CalledReal()
    {
        using var client = factory.CreateClient();

        var result = await (await client.PostAsync("/api/lip-sync", Uploads.Video(await File.ReadAllBytesAsync(Uploads.Sample())))).Content.ReadFromJsonAsync<JsonElement>();

        // The bundled clip is real, continuous speech with a frontal face: the default verdict calls it real and its lips
        // follow the speech at lag 0.
        Assert.True(result.GetProperty("is_real").GetBoolean(), result.ToString());
        Assert.InRange(result.GetProperty("faces")[0].GetProperty("av_offset_ms").GetDouble(), -80, 80);
    }

    [Fact]
    public async Task Post_StrictThenSensitive_EachAnswersAtItsThresholds()
    {
        using var client = factory.CreateClient();
        // The bundled clip with another speaker's audio, judged at two operating points.
        var bytes = await File.ReadAllBytesAsync(Uploads.Sample("swapped_audio_vox2_00015.mp4"));

        async Task<JsonElement> AtAsync(string point)
        {
            using var response = await client.PostAsync("/api/v1/lip-sync", Uploads.Video(bytes, fields: ("operating_point", point)));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            return await response.Content.ReadFromJsonAsync<JsonElement>();
        }

        var strict = await AtAsync("strict");
        var sensitive = await AtAsync("Sensitive ");

        Assert.Equal("strict", strict.GetProperty("operating_point").GetString());
        Assert.Equal("sensitive", sensitive.GetProperty("operating_point").GetString());
        Assert.True(strict.GetProperty("threshold").GetDouble() > sensitive.GetProperty("threshold").GetDouble(), $"strict {strict}, sensitive {sensitive}");
        Assert.Equal(strict.GetProperty("manipulation_probability").GetDouble(), sensitive.GetProperty("manipulation_probability").GetDouble());
        foreach (var result in new[] { strict, sensitive })
        {
            var p = result.GetProperty("manipulation_probability").GetDouble();
            var thresholds = result.GetProperty("thresholds");
            var (inconclusive, manipulated) = (thresholds.GetProperty("inconclusive").GetDouble(), thresholds.GetProperty("manipulated").GetDouble());
            Assert.Equal(Math.Round(manipulated, 4), result.GetProperty("threshold").GetDouble());
            // No reason weakens this clip's verdict, so the thresholds alone draw it.
            Assert.Empty(result.GetProperty("reasons").EnumerateArray());
            Assert.Equal(p >= manipulated ? "manipulated" : p >= inconclusive ? "inconclusive" : "consistent", result.GetProperty("verdict").GetString());
            Assert.Equal(p >= manipulated, result.GetProperty("is_fake").GetBoolean());
        }
        Assert.Empty(Directory.EnumerateFileSystemEntries(factory.UploadDirectory));
    }

    [Theory]
    [InlineData("/api/lip-sync", "lenient")]
    [InlineData("/api/v1/lip-sync", "")]
    [InlineData("/api/v1/jobs", "strictest")]
    public async Task Post_UnknownOperatingPoint_400InvalidOperatingPointAndNothingKept(string path, string point)
    {
        using var client = factory.CreateClient();

        using var response = await client.PostAsync(path, Uploads.Video(await File.ReadAllBytesAsync(Uploads.Sample()), fields: ("operating_point", point)));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("invalid_operating_point", problem.GetProperty("code").GetString());
        Assert.Contains("strict, balanced, sensitive", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Empty(Directory.EnumerateFileSystemEntries(factory.UploadDirectory));
        // Nor a job's video (the job database aside).
        Assert.DoesNotContain(Directory.EnumerateFiles(factory.JobsDirectory), f => !Path.GetFileName(f).StartsWith("jobs.db", StringComparison.Ordinal));
    }

    public static TheoryData<string, HttpStatusCode, string> HostileUploads => new()
    {
        { "text", HttpStatusCode.UnsupportedMediaType, "unsupported_format" },
        { "random", HttpStatusCode.UnsupportedMediaType, "unsupported_format" },
        { "playlist", HttpStatusCode.UnsupportedMediaType, "unsupported_format" },
        { "truncated", HttpStatusCode.UnprocessableEntity, "corrupt" },
        { "empty", HttpStatusCode.BadRequest, "bad_upload" },
    };

    [Theory]
    [MemberData(nameof(HostileUploads))]
    public async Task Post_HostileUpload_ProblemDetailsAndNoTempFile(string kind, HttpStatusCode status, string code)
    {
        using var client = factory.CreateClient();
        var sample = await File.ReadAllBytesAsync(Uploads.Sample());
        byte[] bytes = kind switch
        {
            "text" => "just some text, not a video"u8.ToArray(),
            "random" => RandomBytes(),
            "playlist" => "#EXTM3U\n#EXTINF:10,\nfile:///etc/passwd\n#EXT-X-ENDLIST\n"u8.ToArray(),
            "truncated" => sample[..(sample.Length / 100)],
            "empty" => [],
            _ => throw new ArgumentOutOfRangeException(nameof(kind)),
        };

        using var response = await client.PostAsync("/api/lip-sync", Uploads.Video(bytes, "../../etc/x.mp4"));

        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(code, problem.GetProperty("code").GetString());
        Assert.DoesNotContain("   at ", problem.ToString());
        Assert.DoesNotContain(".upload", problem.ToString());
        Assert.Empty(Directory.EnumerateFileSystemEntries(factory.UploadDirectory));
    }

    [Fact]
    public async Task Post_LargerThanLimit_413()
    {
        using var client = factory.CreateClient();

        using var response = await client.PostAsync("/api/lip-sync", Uploads.Video(new byte[ServiceFactory.MaxUploadBytes + 1]));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Empty(Directory.EnumerateFileSystemEntries(factory.UploadDirectory));
    }

    [Fact]
    public async Task Post_NotMultipart_415ProblemDetails()
    {
        using var client = factory.CreateClient();

        using var response = await client.PostAsync("/api/lip-sync", new StringContent("{}", System.Text.Encoding.UTF8, "application/json"));

        // The endpoint declares multipart/form-data, so routing answers 415 before the handler runs.
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Post_WrongFieldName_400NamesTheField()
    {
        using var client = factory.CreateClient();
        var form = new MultipartFormDataContent { { new ByteArrayContent(await File.ReadAllBytesAsync(Uploads.Sample())), "file", "a.mp4" } };

        using var response = await client.PostAsync("/api/lip-sync", form);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("video_file", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Post_BadSelectStrategy_400()
    {
        using var client = factory.CreateClient();

        using var response = await client.PostAsync("/api/lip-sync", Uploads.Video(await File.ReadAllBytesAsync(Uploads.Sample()), fields: ("select_strategy", "loudest")));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Post_ContentTypeLies_StillJudgedByContent()
    {
        using var client = factory.CreateClient();

        using var response = await client.PostAsync("/api/lip-sync", Uploads.Video(await File.ReadAllBytesAsync(Uploads.Sample()), "notes.txt", "text/plain"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [SkippableFact]
    public async Task Post_VideoWithoutAudio_422NoAudio()
    {
        using var dir = new TempDir();
        var path = dir.File("silent.mp4");
        Ffmpeg.Run("-i", Uploads.Sample(), "-an", "-c:v", "copy", path);
        using var client = factory.CreateClient();

        using var response = await client.PostAsync("/api/lip-sync", Uploads.Video(await File.ReadAllBytesAsync(path)));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal("no_audio", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
    }

    [SkippableFact]
    public async Task Post_TwoPeopleAllFaces_OneEntryPerTrack()
    {
        var path = SharedMedia.Require("faces/short_hamilton_clip.mp4");
        using var client = factory.CreateClient();

        var result = await (await client.PostAsync("/api/lip-sync", Uploads.Video(await File.ReadAllBytesAsync(path), fields: ("all_faces", "true")))).Content.ReadFromJsonAsync<JsonElement>();

        var faces = result.GetProperty("faces").EnumerateArray().ToList();
        Assert.True(faces.Count >= 2, result.ToString());
        Assert.All(faces, f => Assert.True(f.GetProperty("selected").GetBoolean()));
        Assert.Equal(faces.Count, faces.Select(f => f.GetProperty("track_id").GetInt32()).Distinct().Count());
    }

    private static byte[] RandomBytes()
    {
        var bytes = new byte[4096];
        new Random(5).NextBytes(bytes);
        bytes[0] = 0x13;
        return bytes;
    }
}
