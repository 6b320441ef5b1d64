using Microsoft.Extensions.Options;

namespace LipSyncGuard.Service.Uploads;

/// <summary>Owns the folder uploads are streamed into. Names are random (the client's file name never reaches the file
/// system); each upload is deleted by its <see cref="Upload"/>; files left by a crash are removed at start.</summary>
public sealed class UploadStore
{
    private readonly string _directory;

    /// <summary>Creates the store and clears what a previous process left behind.</summary>
    public UploadStore(IOptions<ServiceOptions> options)
    {
        _directory = options.Value.UploadDirectory ?? Path.Combine(Path.GetTempPath(), "lipsyncguard-uploads");
        System.IO.Directory.CreateDirectory(_directory);
        foreach (var stale in System.IO.Directory.EnumerateFiles(_directory, "*.upload"))
        {
            try
            {
                File.Delete(stale);
            }
            catch (IOException)
            {
                // Another instance may be using it; it deletes its own.
            }
        }
    }

    /// <summary>The folder (tests assert it is left empty).</summary>
    public string Directory => _directory;

    /// <summary>A new, empty upload file.</summary>
    public Upload Create() => new(Path.Combine(_directory, Guid.NewGuid().ToString("N") + ".upload"));
}
