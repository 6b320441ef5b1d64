using System.Diagnostics;

namespace LipSyncGuard.Cli.Tests;

/// <summary>Runs the real <c>lipsync</c> program as a child process, as a user would.</summary>
internal static class LipsyncProcess
{
    public sealed record Result(int ExitCode, string Stdout, string Stderr)
    {
        /// <summary>Asserts the run ended as a usage error — exit code 2 with exactly one line on stderr — and returns that line.</summary>
        public string UsageErrorLine()
        {
            Xunit.Assert.Equal(2, ExitCode);
            return Xunit.Assert.Single(Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        }
    }

    public static async Task<Result> RunAsync(params string[] arguments)
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "lipsync.dll");
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(dll);
        foreach (var a in arguments) info.ArgumentList.Add(a);
        // A wide, colourless console so tables are not wrapped or styled.
        info.Environment["COLUMNS"] = "200";
        info.Environment["NO_COLOR"] = "1";
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        return new Result(process.ExitCode, await stdout, await stderr);
    }
}
