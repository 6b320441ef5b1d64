using System.Diagnostics;
using System.Runtime.Versioning;
using LipSyncGuard.Testing;
using Xunit;

namespace LipSyncGuard.Cli.Tests;

/// <summary>The repository's <c>./lipsync</c> script: it starts setup.sh's ahead-of-time compiled copy of the CLI while no
/// build output is newer than that copy, and the build otherwise, so a rebuilt change is never hidden by a stale copy.</summary>
[SupportedOSPlatform("linux")]
public sealed class LipsyncScriptTests
{
    private const string Build = "src/LipSyncGuard.Cli/bin/Release/net10.0";
    private const string Ahead = "src/LipSyncGuard.Cli/bin/Release/readytorun";

    /// <summary>The script copied into a folder laid out like the repository, with a <c>dotnet</c> first on PATH that prints
    /// the program it was asked to run instead of running it.</summary>
    private static void Layout(TempDir dir, bool withCopy)
    {
        File.Copy(Path.Combine(SharedMedia.RepositoryRoot, "lipsync"), dir.File("lipsync"));
        foreach (var folder in withCopy ? new[] { Build, Ahead } : [Build])
        {
            Directory.CreateDirectory(dir.File(folder));
            File.WriteAllText(Path.Combine(dir.File(folder), "lipsync.dll"), "");
        }
        File.WriteAllText(Path.Combine(dir.File(Build), "LipSyncGuard.Analysis.dll"), "");
        Directory.CreateDirectory(dir.File("fake-bin"));
        File.WriteAllText(dir.File("fake-bin/dotnet"), "#!/bin/sh\necho \"$1\"\n");
        File.SetUnixFileMode(dir.File("fake-bin/dotnet"), UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
    }

    private static void Age(TempDir dir, string folder, string file, TimeSpan age) =>
        File.SetLastWriteTimeUtc(Path.Combine(dir.File(folder), file), DateTime.UtcNow - age);

    /// <summary>Runs <c>bash lipsync --version</c> and returns the dll it handed to dotnet, relative to the layout.</summary>
    private static async Task<string> ChosenAsync(TempDir dir)
    {
        var info = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(dir.File("lipsync"));
        info.ArgumentList.Add("--version");
        info.Environment["PATH"] = dir.File("fake-bin") + ":" + Environment.GetEnvironmentVariable("PATH");
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        await process.WaitForExitAsync(timeout.Token);
        Assert.True(process.ExitCode == 0, await stderr);
        return Path.GetRelativePath(dir.Path, (await stdout).Trim()).Replace('\\', '/');
    }

    /// <summary>Hours since the copy, the CLI's dll and a library it loads were written: the copy runs only while it is the
    /// newest; a change rebuilt after it (here a library, not the CLI's own dll) wins.</summary>
    [Theory]
    [InlineData(0, 2, 2, Ahead)]
    [InlineData(1, 2, 0, Build)]
    [InlineData(1, 0, 2, Build)]
    public async Task Script_CopyAgainstTheBuildsTimes_RunsTheNewest(int copyHours, int cliHours, int libraryHours, string expected)
    {
        using var dir = new TempDir();
        Layout(dir, withCopy: true);
        Age(dir, Ahead, "lipsync.dll", TimeSpan.FromHours(copyHours));
        Age(dir, Build, "lipsync.dll", TimeSpan.FromHours(cliHours));
        Age(dir, Build, "LipSyncGuard.Analysis.dll", TimeSpan.FromHours(libraryHours));

        Assert.Equal($"{expected}/lipsync.dll", await ChosenAsync(dir));
    }

    [Fact]
    public async Task Script_NoCopy_RunsTheBuild()
    {
        using var dir = new TempDir();
        Layout(dir, withCopy: false);

        Assert.Equal($"{Build}/lipsync.dll", await ChosenAsync(dir));
    }
}
