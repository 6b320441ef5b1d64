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

    public static Task<Result> RunAsync(params string[] arguments) => RunAsync(new Dictionary<string, string?>(), arguments);

    /// <summary>Runs with <paramref name="environment"/> over the defaults below (a null value removes the variable).</summary>
    public static async Task<Result> RunAsync(IReadOnlyDictionary<string, string?> environment, params string[] arguments)
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "lipsync.dll");
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(dll);
        foreach (var a in arguments) info.ArgumentList.Add(a);
        // A wide, colourless console so tables are not wrapped or styled.
        info.Environment["COLUMNS"] = "200";
        info.Environment["NO_COLOR"] = "1";
        foreach (var (name, value) in environment)
        {
            if (value is null) info.Environment.Remove(name);
            else info.Environment[name] = value;
        }
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        return new Result(process.ExitCode, await stdout, await stderr);
    }
}
