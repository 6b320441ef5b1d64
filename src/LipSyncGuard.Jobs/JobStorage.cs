namespace LipSyncGuard.Jobs;

/// <summary>The folder uploaded videos wait in until a worker has analysed them (<c>LipSync:Storage:Path</c>; on
/// several machines a shared mount such as NFS). Files are named by job id only — a client's file name never reaches
/// the file system — and deleted when their job ends or expires.</summary>
public sealed class JobStorage
{
    private const string Extension = ".video";

    /// <summary>Uses (and creates) <paramref name="directory"/>.</summary>
    public JobStorage(string directory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        Directory = Path.GetFullPath(directory);
        System.IO.Directory.CreateDirectory(Directory);
    }

    /// <summary>The folder.</summary>
    public string Directory { get; }

    /// <summary>Where job <paramref name="jobId"/>'s video is kept.</summary>
    public string PathFor(string jobId) => Path.Combine(Directory, CheckId(jobId) + Extension);

    /// <summary>Where job <paramref name="jobId"/>'s video is written before the job exists (renamed by
    /// <see cref="Commit"/>, deleted on failure).</summary>
    public string PartialPathFor(string jobId) => Path.Combine(Directory, CheckId(jobId) + ".partial");

    /// <summary>Moves a fully written upload into place.</summary>
    public void Commit(string jobId) => File.Move(PartialPathFor(jobId), PathFor(jobId), overwrite: true);

    /// <summary>Copies a local file into place (for <c>lipsync batch</c>).</summary>
    public async Task ImportAsync(string jobId, string source, CancellationToken cancellationToken = default)
    {
        var partial = PartialPathFor(jobId);
        try
        {
            await using (var from = new FileStream(source, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.Asynchronous))
            await using (var to = new FileStream(partial, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1, FileOptions.Asynchronous))
            {
                await from.CopyToAsync(to, 81920, cancellationToken).ConfigureAwait(false);
            }
            Commit(jobId);
        }
        finally
        {
            File.Delete(partial);
        }
    }

    /// <summary>Deletes job <paramref name="jobId"/>'s video (and any partial upload); missing files are fine.</summary>
    public void Delete(string jobId)
    {
        foreach (var path in new[] { PathFor(jobId), PartialPathFor(jobId) })
        {
            try
            {
                File.Delete(path);
            }
            catch (IOException)
            {
                // Held open elsewhere (an NFS client); the next sweep removes it.
            }
        }
    }

    /// <summary>The latest write to job <paramref name="jobId"/>'s video or partial upload (the minimum date when neither
    /// exists).</summary>
    public DateTime LastWriteUtc(string jobId)
    {
        var latest = DateTime.MinValue;
        foreach (var path in new[] { PathFor(jobId), PartialPathFor(jobId) })
        {
            if (File.Exists(path) && File.GetLastWriteTimeUtc(path) > latest) latest = File.GetLastWriteTimeUtc(path);
        }
        return latest;
    }

    /// <summary>Ids of the videos and partial uploads in the folder.</summary>
    public IEnumerable<string> StoredIds() => System.IO.Directory.EnumerateFiles(Directory)
        .Where(p => p.EndsWith(Extension, StringComparison.Ordinal) || p.EndsWith(".partial", StringComparison.Ordinal))
        .Select(p => Path.GetFileNameWithoutExtension(p))
        .Where(IsId);

    /// <summary>True for 32 lower-case hex digits (the only names this folder holds).</summary>
    public static bool IsId(string? id) => id is { Length: 32 } && id.All(c => c is (>= '0' and <= '9') or (>= 'a' and <= 'f'));

    private static string CheckId(string jobId) => IsId(jobId) ? jobId : throw new ArgumentException($"'{jobId}' is not a job id (32 hex digits)", nameof(jobId));
}
