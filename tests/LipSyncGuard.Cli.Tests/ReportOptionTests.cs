using LipSyncGuard.Testing;
using Xunit;

namespace LipSyncGuard.Cli.Tests;

/// <summary><c>lipsync analyze FILE --report case.html</c>.</summary>
public sealed class ReportOptionTests
{
    private static string Sample => Path.Combine(SharedMedia.RepositoryRoot, "samples", "real_vox2_00015.mp4");

    [Fact]
    public async Task Analyze_Report_WritesOneSelfContainedHtmlWithTheFilesHash()
    {
        using var dir = new TempDir("lsg-cli-report-");
        var report = dir.File("case.html");

        var result = await LipsyncProcess.RunAsync("analyze", Sample, "--weights", "none", "--report", report);

        Assert.True(result.ExitCode == 0, result.Stderr);
        Assert.Contains("CONSISTENT WITH THE SPEECH", result.Stdout, StringComparison.Ordinal);
        var html = await File.ReadAllTextAsync(report);
        var sha = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(await File.ReadAllBytesAsync(Sample)));
        Assert.Contains(sha, html, StringComparison.Ordinal);
        Assert.Contains("real_vox2_00015.mp4", html, StringComparison.Ordinal);
        Assert.Contains("<svg class=\"timeline\"", html, StringComparison.Ordinal);
        Assert.Contains("sync-only", html, StringComparison.Ordinal);
        // Nothing to fetch: no scripts, no external sources, every image inline.
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotMatch("(src|href)=\"(?!data:)", html);
    }

    [Fact]
    public async Task Analyze_ReportForAFolder_ExitsTwoWithOneLine()
    {
        var result = await LipsyncProcess.RunAsync("analyze", Path.GetDirectoryName(Sample)!, "--report", "case.html");

        Assert.Contains("--report", result.UsageErrorLine());
    }
}
