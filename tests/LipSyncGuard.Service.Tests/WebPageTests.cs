using LipSyncGuard.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using PuppeteerSharp;
using Xunit;

namespace LipSyncGuard.Service.Tests;

/// <summary>The page as a person uses it: a real server on loopback, Debian's headless Chromium, a file chosen in the
/// upload input, the verdict read from the page. Keeps a screenshot under docs/.</summary>
public sealed class WebPageTests
{
    private const string Chromium = "/usr/bin/chromium";

    [SkippableFact]
    public async Task Page_UploadBundledSampleAtStrict_ShowsVerdictFacesAndTimeline()
    {
        Skip.IfNot(File.Exists(Chromium), "Debian chromium is not installed (./setup.sh installs it)");
        using var uploads = new TempDir("lsg-page-");
        using var jobs = new TempDir("lsg-page-jobs-");
        await using var app = ServiceHost.Create(["--urls", "http://127.0.0.1:0", "--LipSync:UploadDirectory", uploads.Path, "--LipSync:Storage:Path", jobs.Path]);
        await app.StartAsync();
        var url = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();

        await using var browser = await LaunchAsync();
        await using var page = await browser.NewPageAsync();
        await page.SetViewportAsync(new ViewPortOptions { Width = 1000, Height = 1100 });
        await page.GoToAsync(url);
        var input = await page.QuerySelectorAsync("#file") ?? throw new InvalidOperationException($"no upload input at {url}: {await page.GetContentAsync()}");
        await page.SelectAsync("#point", "strict");
        await input.UploadFileAsync(Path.Combine(SharedMedia.RepositoryRoot, "samples", "real_vox2_00015.mp4"));
        await page.WaitForSelectorAsync("#result:not([hidden])", new WaitForSelectorOptions { Timeout = 120_000 });

        var verdict = await page.EvaluateExpressionAsync<string>("document.getElementById('verdict').textContent");
        var faces = await page.EvaluateExpressionAsync<int>("document.querySelectorAll('.face').length");
        var thumbnail = await page.EvaluateExpressionAsync<bool>("document.querySelector('.face img').naturalWidth > 0");
        Assert.StartsWith("Consistent with the speech", verdict);
        Assert.Equal(1, faces);
        Assert.True(thumbnail, "the face thumbnail did not load");
        // The chosen operating point went with the upload and came back applied.
        Assert.Contains("strict operating point", await page.EvaluateExpressionAsync<string>("document.getElementById('summary').textContent"), StringComparison.Ordinal);
        // The player loads metadata only, so its first frame may not be decoded yet: ask for it and wait (at most 10 s), so
        // the screenshot shows the clip rather than a black box.
        await page.EvaluateExpressionAsync("new Promise(done => { const v = document.getElementById('video'); if (v.readyState >= 2) return done(); v.addEventListener('loadeddata', () => done(), { once: true }); v.preload = 'auto'; v.load(); setTimeout(done, 10000); })");
        await page.ScreenshotAsync(Path.Combine(SharedMedia.RepositoryRoot, "docs", "web-page.png"), new ScreenshotOptions { FullPage = true });
        Assert.Empty(Directory.EnumerateFileSystemEntries(uploads.Path));
        await app.StopAsync();
    }

    [SkippableFact]
    public async Task Page_UploadLongVideo_RunsAsJobAndShowsVerdict()
    {
        Skip.IfNot(File.Exists(Chromium), "Debian chromium is not installed (./setup.sh installs it)");
        using var dir = new TempDir("lsg-page-jobs-");
        // Over the page's 10 MB threshold: the 7 s sample as uncompressed video (224×224 yuv420p, 75 KB a frame).
        var large = dir.File("large.mkv");
        Ffmpeg.Run("-i", Path.Combine(SharedMedia.RepositoryRoot, "samples", "real_vox2_00015.mp4"), "-c:v", "rawvideo", "-pix_fmt", "yuv420p", "-c:a", "copy", large);
        Assert.True(new FileInfo(large).Length > 10 * 1024 * 1024, "the clip is not over the page's threshold");
        await using var app = ServiceHost.Create(["--urls", "http://127.0.0.1:0", "--LipSync:UploadDirectory", dir.File("uploads"), "--LipSync:Storage:Path", dir.File("jobs"), "--LipSync:MaxUploadBytes", "104857600"]);
        await app.StartAsync();
        var url = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        await using var browser = await LaunchAsync();
        await using var page = await browser.NewPageAsync();
        await page.GoToAsync(url);

        await (await page.QuerySelectorAsync("#file"))!.UploadFileAsync(large);
        await page.WaitForSelectorAsync("#result:not([hidden])", new WaitForSelectorOptions { Timeout = 120_000 });

        Assert.StartsWith("Consistent with the speech", await page.EvaluateExpressionAsync<string>("document.getElementById('verdict').textContent"));
        using var client = new HttpClient { BaseAddress = new Uri(url) };
        var jobs = System.Text.Json.JsonDocument.Parse(await client.GetStringAsync("/api/jobs?state=succeeded"));
        Assert.Equal("large.mkv", Assert.Single(jobs.RootElement.EnumerateArray()).GetProperty("file_name").GetString());
        await app.StopAsync();
    }

    private static Task<IBrowser> LaunchAsync() => Puppeteer.LaunchAsync(new LaunchOptions
    {
        Headless = true,
        ExecutablePath = Chromium,
        // As root in a sandbox-less container; no background traffic to anything but the loopback server.
        Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
    });
}
