using LipSyncGuard.Testing;
using LipSyncGuard.Testing.Reliability;
using Xunit;

namespace LipSyncGuard.Reliability.Tests;

/// <summary>The generated hostile corpus, a real <c>lipsync serve</c> on loopback and a CLI runner with a private TMPDIR,
/// shared by the corpus tests.</summary>
public sealed class CorpusFixture : IAsyncLifetime
{
    /// <summary>Upload limit of the service under test (the corpus files are far below it).</summary>
    public const long MaxUploadBytes = 16L * 1024 * 1024;

    private readonly TempDir _work = new("lsg-reliability-");

    public HostileCorpus Corpus { get; private set; } = null!;

    public ServeProcess Serve { get; private set; } = null!;

    public LipsyncCli Cli { get; private set; } = null!;

    public HttpClient Http { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Corpus = new HostileCorpus(Path.Combine(SharedMedia.RepositoryRoot, "samples", "real_vox2_00015.mp4"));
        var cliTemp = Path.Combine(_work.Path, "cli-tmp");
        Directory.CreateDirectory(cliTemp);
        Cli = new LipsyncCli(LipsyncCli.BesideThisProgram, cliTemp);
        // A queue deep enough that the corpus never meets 429: the load tests cover that.
        Serve = await ServeProcess.StartAsync(LipsyncCli.BesideThisProgram, Path.Combine(_work.Path, "serve"), new Dictionary<string, string>
        {
            ["MaxUploadBytes"] = MaxUploadBytes.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["MaxConcurrentAnalyses"] = "2",
            ["QueueLimit"] = "64",
        });
        Http = new HttpClient { BaseAddress = Serve.BaseAddress, Timeout = Timeout.InfiniteTimeSpan };
    }

    public async Task DisposeAsync()
    {
        Http.Dispose();
        await Serve.DisposeAsync();
        Corpus.Dispose();
        _work.Dispose();
    }
}
