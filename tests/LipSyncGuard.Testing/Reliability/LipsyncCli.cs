using System.Diagnostics;

namespace LipSyncGuard.Testing.Reliability;

/// <summary>Runs the real <c>lipsync.dll</c> as a child process, as a user would, with a private TMPDIR and a wall-clock
/// limit (a run past it is killed with its tree and reported as timed out, never waited on).</summary>
public sealed class LipsyncCli(string dll, string tempDirectory)
{
    /// <summary>The <c>lipsync.dll</c> copied beside the calling test or tool.</summary>
    public static string BesideThisProgram => Path.Combine(AppContext.BaseDirectory, "lipsync.dll");

    /// <summary>The TMPDIR the children get (tests assert it stays empty).</summary>
    public string TempDirectory { get; } = tempDirectory;

    /// <summary>Starts <c>dotnet lipsync.dll</c> with <paramref name="arguments"/> and waits at most <paramref name="timeout"/>.</summary>
    public async Task<CliRun> RunAsync(TimeSpan timeout, params string[] arguments)
    {
        var info = Start(arguments);
        var watch = Stopwatch.StartNew();
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        var timedOut = false;
        using (var limit = new CancellationTokenSource(timeout))
        {
            try
            {
                await process.WaitForExitAsync(limit.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                timedOut = true;
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync().ConfigureAwait(false);
            }
        }
        return new CliRun(process.ExitCode, await stdout.ConfigureAwait(false), await stderr.ConfigureAwait(false), watch.Elapsed, timedOut);
    }

    /// <summary>The start info for <c>dotnet lipsync.dll arguments…</c> (also used to start <c>serve</c>).</summary>
    public ProcessStartInfo Start(IEnumerable<string> arguments)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true, UseShellExecute = false };
        info.ArgumentList.Add(dll);
        foreach (var a in arguments) info.ArgumentList.Add(a);
        info.Environment["TMPDIR"] = TempDirectory;
        info.Environment["NO_COLOR"] = "1";
        // The runtime's debugger/diagnostics IPC files would otherwise land in TMPDIR and hide what the program leaves.
        info.Environment["DOTNET_EnableDiagnostics"] = "0";
        info.Environment["COLUMNS"] = "200";
        return info;
    }
}
