using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace LipSyncGuard.Testing.Reliability;

/// <summary>A real <c>lipsync serve</c> on 127.0.0.1 (a free port chosen by Kestrel), with its own upload folder and
/// TMPDIR, so tests see exactly what a deployment does: real sockets, real limits, real process memory.</summary>
public sealed partial class ServeProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _log = new();
    private readonly TaskCompletionSource<Uri> _listening = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private ServeProcess(Process process, string uploadDirectory, string tempDirectory)
    {
        _process = process;
        UploadDirectory = uploadDirectory;
        TempDirectory = tempDirectory;
        _process.OutputDataReceived += (_, e) => OnLine(e.Data);
        _process.ErrorDataReceived += (_, e) => OnLine(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    /// <summary>Where the service streams uploads.</summary>
    public string UploadDirectory { get; }

    /// <summary>The TMPDIR the service runs with.</summary>
    public string TempDirectory { get; }

    /// <summary>The base address, e.g. <c>http://127.0.0.1:41234/</c>.</summary>
    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>The service's process id.</summary>
    public int ProcessId => _process.Id;

    /// <summary>True while the service runs.</summary>
    public bool IsRunning => !_process.HasExited;

    /// <summary>Resident memory now (VmRSS) and at its peak (VmHWM), in bytes.</summary>
    public (long Current, long Peak) Memory() => ProcessMemory.Read(_process.Id);

    /// <summary>The last lines the service logged (for failure messages).</summary>
    public string LogTail
    {
        get
        {
            lock (_log) return _log.ToString();
        }
    }

    /// <summary>Starts the service with <paramref name="settings"/> (the <c>LipSync</c> options, e.g. MaxUploadBytes) and waits
    /// until it listens.</summary>
    public static async Task<ServeProcess> StartAsync(string dll, string workDirectory, IReadOnlyDictionary<string, string>? settings = null, CancellationToken cancellationToken = default)
    {
        var uploads = Path.Combine(workDirectory, "uploads");
        var temp = Path.Combine(workDirectory, "tmp");
        Directory.CreateDirectory(uploads);
        Directory.CreateDirectory(temp);
        var info = new LipsyncCli(dll, temp).Start(["serve", "--urls", "http://127.0.0.1:0"]);
        info.Environment["LipSync__UploadDirectory"] = uploads;
        // The jobs' SQLite file and queued videos persist by design: keep them out of the TMPDIR that must stay empty.
        info.Environment["LipSync__Storage__Path"] = Path.Combine(workDirectory, "jobs");
        info.Environment["Logging__LogLevel__Default"] = "Warning";
        info.Environment["Logging__LogLevel__Microsoft.Hosting.Lifetime"] = "Information";
        foreach (var (key, value) in settings ?? new Dictionary<string, string>()) info.Environment["LipSync__" + key] = value;
        var serve = new ServeProcess(Process.Start(info)!, uploads, temp);
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(TimeSpan.FromSeconds(60));
        try
        {
            serve.BaseAddress = await serve._listening.Task.WaitAsync(limit.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            var log = serve.LogTail;
            await serve.DisposeAsync().ConfigureAwait(false);
            throw new InvalidOperationException("lipsync serve did not start listening within 60 s:\n" + log);
        }
        return serve;
    }

    /// <summary>Stops the service (SIGKILL of its tree: it holds nothing that needs a clean shutdown in a test).</summary>
    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited) _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync().ConfigureAwait(false);
        }
        catch (InvalidOperationException)
        {
            // Never started.
        }
        _process.Dispose();
    }

    private void OnLine(string? line)
    {
        if (line is null) return;
        lock (_log)
        {
            _log.AppendLine(line);
            if (_log.Length > 16_384) _log.Remove(0, _log.Length - 16_384);
        }
        var match = ListeningLine().Match(line);
        if (match.Success) _listening.TrySetResult(new Uri(match.Groups[1].Value.TrimEnd('/') + "/"));
    }

    [GeneratedRegex(@"Now listening on: (http://\S+)")]
    private static partial Regex ListeningLine();
}
