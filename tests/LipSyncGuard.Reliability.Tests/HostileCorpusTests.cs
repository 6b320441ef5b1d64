using LipSyncGuard.Testing;
using LipSyncGuard.Testing.Reliability;
using Xunit;

namespace LipSyncGuard.Reliability.Tests;

/// <summary>Every corpus case through both hosts: the CLI (<c>lipsync analyze --json</c> as a child process) and HTTP (a
/// real <c>serve</c> on 127.0.0.1), at once. Each must refuse with its code (exit 2 and one line / a 4xx ProblemDetails)
/// or give a sound verdict, in time, leaving no temp file and no ffmpeg behind, and reading nothing but the input.</summary>
[Collection(CorpusCollection.Name)]
public sealed class HostileCorpusTests(CorpusFixture fixture)
{
    private static readonly TimeSpan PerCase = TimeSpan.FromSeconds(60);

    public static TheoryData<string> Names => new(HostileCorpus.Names);

    [Theory]
    [MemberData(nameof(Names))]
    public async Task CliAndHttp_HostileCase_RefusedCleanlyOrJudged(string name)
    {
        var c = fixture.Corpus[name];
        var bytes = await File.ReadAllBytesAsync(c.Path);

        var cli = fixture.Cli.RunAsync(PerCase, "analyze", "--json", c.Path);
        using var form = Uploader.Form(bytes, c.UploadName, c.ContentType);
        var http = Uploader.PostAsync(fixture.Http, form, PerCase);
        var cliRun = await cli;
        var httpRun = await http;

        var problems = CaseChecks.Check(c, cliRun).Concat(CaseChecks.Check(c, httpRun)).ToList();
        Assert.True(problems.Count == 0, $"{name}: {string.Join("; ", problems)}\ncli stderr: {cliRun.Stderr}\nhttp: {httpRun.Status} {httpRun.Body[..Math.Min(400, httpRun.Body.Length)]}");
        Assert.True(fixture.Serve.IsRunning, fixture.Serve.LogTail);
        Assert.Empty(ChildProcesses.FfmpegMentioningAfterSettling(fixture.Corpus.CaseDirectory));
        Assert.Empty(ChildProcesses.FfmpegMentioningAfterSettling(fixture.Serve.UploadDirectory));
        Assert.Empty(Directory.EnumerateFileSystemEntries(fixture.Serve.UploadDirectory));
        Assert.Empty(TempFolder.Leftovers(fixture.Serve.TempDirectory));
        Assert.Empty(TempFolder.Leftovers(fixture.Cli.TempDirectory));
        Assert.False(fixture.Corpus.Canary.WasRead, "a hostile file made ffmpeg read the canary video");
        // The CLI read the case where it lies: nothing the user gave may be modified, refused or not.
        Assert.Equal(bytes, await File.ReadAllBytesAsync(c.Path));
        Assert.Equal(0, fixture.Corpus.Trap.Connections);
        // The client's name never reaches the file system: no ../../etc/x.mp4 next to the upload folder.
        Assert.False(File.Exists(Path.GetFullPath(Path.Combine(fixture.Serve.UploadDirectory, c.UploadName))));
    }

    [Fact]
    public void Canary_DeliberateRead_MovesAccessTime()
    {
        // Proves the atime watch can see a read on this file system; otherwise the canary checks above would prove nothing.
        using var dir = new TempDir();
        var canary = new Canary(fixture.Corpus.Real, dir.File("probe.mp4"));

        _ = File.ReadAllBytes(canary.Path);

        Assert.True(canary.WasRead);
    }

    [Fact]
    public void Corpus_Always_HasAtLeastThirtyCases()
    {
        Assert.True(HostileCorpus.Names.Count >= 30);
        Assert.Equal(HostileCorpus.Names.Count, fixture.Corpus.Cases.Count());
    }
}
