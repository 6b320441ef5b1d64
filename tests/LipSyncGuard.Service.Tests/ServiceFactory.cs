using LipSyncGuard.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace LipSyncGuard.Service.Tests;

/// <summary>The real service in memory, with its own upload folder (so tests can assert it is left empty) and a small
/// upload limit.</summary>
public class ServiceFactory : WebApplicationFactory<Program>
{
    private readonly TempDir _uploads = new("lsg-uploads-");
    private readonly TempDir _jobs = new("lsg-jobs-");

    public const long MaxUploadBytes = 8 * 1024 * 1024;

    public string UploadDirectory => _uploads.Path;

    /// <summary>The jobs' storage folder (and SQLite file), private to this factory.</summary>
    public string JobsDirectory => _jobs.Path;

    private const int MaxConcurrent = 2;

    private const int QueueLimit = 8;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("LipSync:UploadDirectory", _uploads.Path);
        builder.UseSetting("LipSync:Storage:Path", _jobs.Path);
        builder.UseSetting("LipSync:MaxUploadBytes", MaxUploadBytes.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("LipSync:MaxConcurrentAnalyses", MaxConcurrent.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("LipSync:QueueLimit", QueueLimit.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (!disposing) return;
        _uploads.Dispose();
        _jobs.Dispose();
    }
}
