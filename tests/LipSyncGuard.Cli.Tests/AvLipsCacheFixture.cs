using LipSyncGuard.Testing;
using Xunit;

namespace LipSyncGuard.Cli.Tests;

/// <summary>The AVLips sample preprocessed once (by <c>lipsync preprocess</c>) into a feature cache the training tests share.</summary>
public sealed class AvLipsCacheFixture : IAsyncLifetime, IDisposable
{
    /// <summary>The test collection sharing the cache.</summary>
    public const string Collection = "avlips-cache";

    private readonly TempDir _dir = new("lsg-avlips-cache-");

    /// <summary>The cache folder (empty when the shared media are absent).</summary>
    public string CacheDirectory => _dir.File("cache");

    /// <summary>The AVLips folder, or null when absent.</summary>
    public string? DataDirectory { get; private set; }

    /// <summary>Output of the preprocessing run.</summary>
    public string Output { get; private set; } = "";

    public async Task InitializeAsync()
    {
        if (SharedMedia.Root is null || !Directory.Exists(Path.Combine(SharedMedia.Root, "avlips"))) return;
        DataDirectory = Path.Combine(SharedMedia.Root, "avlips");
        var result = await LipsyncProcess.RunAsync("preprocess", "--data-dir", DataDirectory, "--cache-dir", CacheDirectory, "--workers", "2");
        if (result.ExitCode != 0) throw new InvalidOperationException($"preprocess failed ({result.ExitCode}): {result.Stdout}{result.Stderr}");
        Output = result.Stdout;
    }

    public Task DisposeAsync() => Task.CompletedTask;

    public void Dispose() => _dir.Dispose();
}
