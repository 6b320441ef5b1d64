using LipSyncGuard.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace LipSyncGuard.Service.Tests;

/// <summary>The real service on a loopback port (Kestrel, not the in-memory test server: its limits and timeouts are what
/// is tested), with its own upload folder and any extra <c>--LipSync:Name=value</c> settings.</summary>
internal sealed class LiveService : IAsyncDisposable
{
    private readonly TempDir _uploads;

    private LiveService(WebApplication app, TempDir uploads, Uri url)
    {
        App = app;
        _uploads = uploads;
        Url = url;
    }

    public WebApplication App { get; }

    public Uri Url { get; }

    public string UploadDirectory => _uploads.Path;

    public HttpClient Client() => new() { BaseAddress = Url, Timeout = TimeSpan.FromMinutes(3) };

    public static async Task<LiveService> StartAsync(params string[] settings)
    {
        var uploads = new TempDir("lsg-live-");
        string[] args = ["--urls", "http://127.0.0.1:0", "--LipSync:UploadDirectory", uploads.Path, .. settings.Select(s => "--LipSync:" + s)];
        var app = ServiceHost.Create(args);
        await app.StartAsync();
        var url = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        return new LiveService(app, uploads, url);
    }

    public async ValueTask DisposeAsync()
    {
        await App.StopAsync();
        await App.DisposeAsync();
        _uploads.Dispose();
    }
}
