using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using LipSyncGuard.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using PuppeteerSharp;
using Xunit;

namespace LipSyncGuard.Service.Tests;

/// <summary>The case report and the page's evidence view as a person uses them: a real server on loopback and Debian's
/// headless Chromium. Keeps screenshots of both under docs/.</summary>
public sealed class CaseReportTests
{
    private const string Chromium = "/usr/bin/chromium";

    private static readonly string FakeSample = Directory.GetFiles(Path.Combine(SharedMedia.RepositoryRoot, "samples"), "fake_*.mp4").Single();

    [SkippableFact]
    public async Task Report_BundledFakeOpenedInChromium_SelfContainedWithZeroNetworkRequests()
    {
        Skip.IfNot(File.Exists(Chromium), "Debian chromium is not installed (./setup.sh installs it)");
        await using var server = await Server.StartAsync();
        using var client = new HttpClient { BaseAddress = new Uri(server.Url), Timeout = TimeSpan.FromMinutes(3) };
        var result = await (await client.PostAsync("/api/lip-sync", Uploads.Video(await File.ReadAllBytesAsync(FakeSample)))).Content.ReadAsStringAsync();

        using var response = await client.PostAsync($"/api/lip-sync/report?name={Uri.EscapeDataString(Path.GetFileName(FakeSample))}", new StringContent(result, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType!.MediaType);
        Assert.Contains("attachment", response.Content.Headers.ContentDisposition!.ToString(), StringComparison.Ordinal);
        var html = await response.Content.ReadAsStringAsync();
        using var dir = new TempDir("lsg-report-");
        var file = dir.File("case.html");
        await File.WriteAllTextAsync(file, html);
        var sha = JsonDocument.Parse(result).RootElement.GetProperty("file").GetProperty("sha256").GetString()!;
        Assert.Contains(sha, html, StringComparison.Ordinal);
        Assert.Contains(Path.GetFileName(FakeSample), html, StringComparison.Ordinal);

        await using var browser = await LaunchAsync();
        await using var page = await browser.NewPageAsync();
        var requests = new List<string>();
        page.Request += (_, e) => requests.Add(e.Request.Url);
        await page.SetViewportAsync(new ViewPortOptions { Width = 960, Height = 1200 });
        await page.GoToAsync(new Uri(file).AbsoluteUri, WaitUntilNavigation.Networkidle0);

        // The document itself and its inline data: images are all it loads.
        Assert.DoesNotContain(requests, u => !u.StartsWith("data:", StringComparison.Ordinal) && u != new Uri(file).AbsoluteUri);
        Assert.Contains(requests, u => u.StartsWith("data:image/png", StringComparison.Ordinal));
        Assert.StartsWith("Likely manipulated", await page.EvaluateExpressionAsync<string>("document.querySelector('.verdict').textContent"), StringComparison.Ordinal);
        Assert.True(await page.EvaluateExpressionAsync<bool>("[...document.images].length > 1 && [...document.images].every(i => i.complete && i.naturalWidth > 0)"));
        Assert.True(await page.EvaluateExpressionAsync<int>("document.querySelectorAll('svg.timeline rect').length") > 5);
        Assert.True(await page.EvaluateExpressionAsync<int>("document.querySelectorAll('img.strip').length") >= 1);
        await page.ScreenshotAsync(Path.Combine(SharedMedia.RepositoryRoot, "docs", "case-report.png"), new ScreenshotOptions { FullPage = true });
        var pdf = await page.PdfDataAsync(new PdfOptions { PrintBackground = true });
        Assert.True(pdf.Length > 10_000, $"PDF of {pdf.Length} bytes");
    }

    [Fact]
    public async Task Report_NotAResult_400WithCode()
    {
        using var factory = new ServiceFactory();
        using var client = factory.CreateClient();

        using var response = await client.PostAsync("/api/lip-sync/report", new StringContent("{\"hello\": 1", Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("bad_result", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
    }

    [SkippableFact]
    public async Task Page_UploadBundledFake_VideoTimelineSeeksAndEvidenceShown()
    {
        Skip.IfNot(File.Exists(Chromium), "Debian chromium is not installed (./setup.sh installs it)");
        await using var server = await Server.StartAsync();
        await using var browser = await LaunchAsync();
        await using var page = await browser.NewPageAsync();
        await page.SetViewportAsync(new ViewPortOptions { Width = 1100, Height = 1300 });
        await page.GoToAsync(server.Url);
        var input = await page.QuerySelectorAsync("#file") ?? throw new InvalidOperationException("no upload input");
        await input.UploadFileAsync(FakeSample);
        await page.WaitForSelectorAsync("#result:not([hidden])", new WaitForSelectorOptions { Timeout = 120_000 });
        await WaitUntilAsync(page, "document.getElementById('video').readyState >= 1", 30);

        Assert.StartsWith("Likely manipulated", await page.EvaluateExpressionAsync<string>("document.getElementById('verdict').textContent"), StringComparison.Ordinal);
        Assert.True(await page.EvaluateExpressionAsync<int>("document.querySelectorAll('#timeline rect.flagged').length") >= 1);
        Assert.True(await page.EvaluateExpressionAsync<int>("document.querySelectorAll('#evidence .moment img').length") >= 1);
        // Clicking a flagged window seeks the video to its start.
        var start = await page.EvaluateExpressionAsync<double>("(() => { const r = document.querySelector('#timeline rect.flagged'); r.dispatchEvent(new MouseEvent('click')); return +r.dataset.start; })()");
        await WaitUntilAsync(page, $"Math.abs(document.getElementById('video').currentTime - {start.ToString(System.Globalization.CultureInfo.InvariantCulture)}) < 0.3", 10);
        await page.EvaluateExpressionAsync("document.getElementById('video').pause()");
        await WaitUntilAsync(page, "(v => !v.seeking && v.readyState >= 2)(document.getElementById('video'))", 10);
        // The model's weak spots, as its card words them, under the result.
        using var client = new HttpClient { BaseAddress = new Uri(server.Url) };
        var limitations = (await client.GetFromJsonAsync<JsonElement>("/api/model")).GetProperty("detector").GetProperty("limitations").EnumerateArray().Select(l => l.GetString()).ToList();
        Assert.NotEmpty(limitations);
        await WaitUntilAsync(page, "!document.getElementById('limits').hidden", 10);
        Assert.Equal(limitations, await page.EvaluateExpressionAsync<string[]>("[...document.querySelectorAll('#limit-list li')].map(li => li.textContent)"));
        await page.ScreenshotAsync(Path.Combine(SharedMedia.RepositoryRoot, "docs", "web-page-evidence.png"), new ScreenshotOptions { FullPage = true });
    }

    /// <summary>Polls <paramref name="condition"/> from here: an in-page wait (animation frames or a page timer) never saw
    /// the blob video load in headless Chromium, polling over the protocol does.</summary>
    private static async Task WaitUntilAsync(IPage page, string condition, int seconds)
    {
        for (var deadline = DateTime.UtcNow.AddSeconds(seconds); !await page.EvaluateExpressionAsync<bool>(condition);)
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"'{condition}' still false after {seconds} s");
            await Task.Delay(250);
        }
    }

    private static Task<IBrowser> LaunchAsync() => Puppeteer.LaunchAsync(new LaunchOptions
    {
        Headless = true,
        ExecutablePath = Chromium,
        // As root in a sandbox-less container; no background traffic that would count as the report's requests.
        Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--autoplay-policy=no-user-gesture-required"],
    });

    /// <summary>The real service on a loopback port with its own upload and jobs folders and the shipped trained detector.</summary>
    private sealed class Server : IAsyncDisposable
    {
        private readonly TempDir _dir;
        private readonly WebApplication _app;

        private Server(TempDir dir, WebApplication app, string url) => (_dir, _app, Url) = (dir, app, url);

        public string Url { get; }

        private string Uploads => _dir.File("uploads");

        public static async Task<Server> StartAsync()
        {
            var dir = new TempDir("lsg-report-");
            // The shipped trained detector: it flags the bundled fake, so there are moments and mouth strips to show (the
            // default cue verdict calls that clip consistent).
            var weights = Path.Combine(SharedMedia.RepositoryRoot, "models", "lipsyncguard-default.safetensors");
            var app = ServiceHost.Create(["--urls", "http://127.0.0.1:0", "--LipSync:UploadDirectory", dir.File("uploads"), "--LipSync:Storage:Path", dir.File("jobs"), "--LipSync:Weights", weights]);
            await app.StartAsync();
            return new Server(dir, app, app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        }

        public async ValueTask DisposeAsync()
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
            Assert.Empty(Directory.EnumerateFileSystemEntries(Uploads));
            _dir.Dispose();
        }
    }
}
