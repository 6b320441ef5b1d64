namespace LipSyncGuard.Service.Uploads;

/// <summary>One uploaded file on disk, deleted on dispose whatever happened.</summary>
public sealed class Upload : IAsyncDisposable
{
    internal Upload(string path) => Path = path;

    /// <summary>Where the bytes are.</summary>
    public string Path { get; }

    /// <summary>Bytes written.</summary>
    public long Length { get; private set; }

    /// <summary>Copies <paramref name="source"/> to disk, stopping with <see cref="UploadTooLargeException"/> past <paramref name="maxBytes"/>.</summary>
    public async Task WriteAsync(Stream source, long maxBytes, CancellationToken cancellationToken)
    {
        var buffer = new byte[81920];
        await using var file = new FileStream(Path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1, FileOptions.Asynchronous);
        int read;
        while ((read = await source.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
        {
            Length += read;
            if (Length > maxBytes) throw new UploadTooLargeException(maxBytes);
            await file.WriteAsync(buffer.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Deletes the file.</summary>
    public ValueTask DisposeAsync()
    {
        try
        {
            File.Delete(Path);
        }
        catch (IOException)
        {
            // Deleted on the next start by UploadStore.
        }
        return ValueTask.CompletedTask;
    }
}
