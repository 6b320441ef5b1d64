using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Options;

namespace LipSyncGuard.Service.Uploads;

/// <summary>Owns the folder uploads are streamed into. Names are random (the client's file name never reaches the file
/// system) and carry the owning process's id and start time, <c>{pid}-{start}-{random}.upload</c>, so several
/// instances can share one folder: each upload is deleted by its <see cref="Upload"/>, and at start an instance removes
/// only files whose owner process is gone (a crash or kill -9), never a live instance's in-flight upload.</summary>
public sealed class UploadStore
{
    private const string Extension = ".upload";

    private readonly string _directory;

    private readonly string _owner;

    /// <summary>Creates the store and clears what dead processes left behind.</summary>
    public UploadStore(IOptions<ServiceOptions> options)
    {
        _directory = options.Value.UploadDirectory ?? Path.Combine(Path.GetTempPath(), "lipsyncguard-uploads");
        System.IO.Directory.CreateDirectory(_directory);
        using var self = Process.GetCurrentProcess();
        _owner = string.Create(CultureInfo.InvariantCulture, $"{self.Id}-{StartSecond(self.StartTime)}");
        RemoveOrphans();
    }

    /// <summary>The folder (tests assert it is left empty).</summary>
    public string Directory => _directory;

    /// <summary>A new, empty upload file.</summary>
    public Upload Create() => new(Path.Combine(_directory, $"{_owner}-{Guid.NewGuid():N}{Extension}"));

    /// <summary>Seconds since 0001-01-01 UTC: the owner's start time in a file name.</summary>
    internal static long StartSecond(DateTime started) => started.ToUniversalTime().Ticks / TimeSpan.TicksPerSecond;

    private void RemoveOrphans()
    {
        foreach (var file in System.IO.Directory.EnumerateFiles(_directory, "*" + Extension))
        {
            var parts = Path.GetFileName(file).Split('-');
            // Files of another naming scheme are not ours to judge.
            if (parts.Length != 3 || !int.TryParse(parts[0], CultureInfo.InvariantCulture, out var pid)
                || !long.TryParse(parts[1], CultureInfo.InvariantCulture, out var started) || IsAlive(pid, started)) continue;
            try
            {
                File.Delete(file);
            }
            catch (IOException)
            {
                // Gone already, or undeletable: the next start tries again.
            }
        }
    }

    /// <summary>Whether process <paramref name="pid"/> runs and started at <paramref name="started"/> (a reused id has a later
    /// start; the tolerance covers the jitter in how the runtime derives start times from the boot clock).</summary>
    private static bool IsAlive(int pid, long started)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            return Math.Abs(StartSecond(process.StartTime) - started) <= 2;
        }
        catch (ArgumentException)
        {
            return false;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }
}
