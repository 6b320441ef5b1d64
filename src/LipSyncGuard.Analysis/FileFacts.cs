using System.Security.Cryptography;

namespace LipSyncGuard.Analysis;

/// <summary>Which file was analysed, so a report can be tied to the exact bytes.</summary>
/// <param name="Name">File name (no folder).</param>
/// <param name="SizeBytes">Size in bytes.</param>
/// <param name="Sha256">SHA-256 of the content, lower-case hex.</param>
public sealed record FileFacts(string Name, long SizeBytes, string Sha256)
{
    /// <summary>Hashes <paramref name="path"/> as a stream (never loaded whole).</summary>
    public static async Task<FileFacts> ReadAsync(string path, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.Asynchronous | FileOptions.SequentialScan);
        var hash = await SHA256.HashDataAsync(stream, cancellationToken).ConfigureAwait(false);
        return new FileFacts(Path.GetFileName(path), stream.Length, Convert.ToHexStringLower(hash));
    }
}
