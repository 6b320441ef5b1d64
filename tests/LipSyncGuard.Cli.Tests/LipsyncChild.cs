using System.Diagnostics;
using System.Text;

namespace LipSyncGuard.Cli.Tests;

/// <summary>A <c>lipsync</c> child process that a test can kill (SIGKILL) at a chosen moment, output captured.</summary>
internal sealed class LipsyncChild : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private LipsyncChild(Process process) => _process = process;

    public bool HasExited => _process.HasExited;

    public string Output
    {
        get
        {
            lock (_output) return _output.ToString();
        }
    }

    public static LipsyncChild Start(params string[] arguments)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "lipsync.dll"));
        foreach (var a in arguments) info.ArgumentList.Add(a);
        info.Environment["COLUMNS"] = "200";
        info.Environment["NO_COLOR"] = "1";
        var child = new LipsyncChild(new Process { StartInfo = info });
        child._process.OutputDataReceived += (_, e) => child.Append(e.Data);
        child._process.ErrorDataReceived += (_, e) => child.Append(e.Data);
        child._process.Start();
        child._process.BeginOutputReadLine();
        child._process.BeginErrorReadLine();
        return child;
    }

    /// <summary>SIGKILL (Process.Kill sends it on Linux): no handler, no finally block runs in the child.</summary>
    public void Kill()
    {
        _process.Kill(entireProcessTree: true);
        _process.WaitForExit();
    }

    /// <summary>SIGTERM, as a service manager stops a process: the child's shutdown path runs.</summary>
    public void Terminate() => Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])!.WaitForExit();

    public async Task<int> WaitAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        await _process.WaitForExitAsync(cts.Token);
        _process.WaitForExit();
        return _process.ExitCode;
    }

    public void Dispose()
    {
        if (!_process.HasExited) Kill();
        _process.Dispose();
    }

    private void Append(string? line)
    {
        if (line is null) return;
        lock (_output) _output.AppendLine(line);
    }
}
