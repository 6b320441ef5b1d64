using System.ComponentModel;
using System.Diagnostics;
using System.Text;

namespace LipSyncGuard.Media;

/// <summary>One ffmpeg/ffprobe child: started without a shell, stderr drained into a bounded tail, killed with its
/// tree on dispose or cancellation so no process outlives the work that started it.</summary>
internal sealed class ChildProcess : IDisposable
{
    private const int StderrTailChars = 4096;
    private readonly Process _process;
    private readonly StringBuilder _stderrTail = new();
    private readonly Task _stderrPump;
    private readonly CancellationTokenRegistration _cancelRegistration;
    private int _disposed;

    private ChildProcess(Process process, CancellationToken cancellationToken)
    {
        _process = process;
        _stderrPump = PumpStderrAsync();
        _cancelRegistration = cancellationToken.Register(static state => ((ChildProcess)state!).Kill(), this);
    }

    /// <summary>The child's stdin, raw bytes (only when started with writeStdin).</summary>
    public Stream StandardInput => _process.StandardInput.BaseStream;

    /// <summary>The child's stdout, raw bytes.</summary>
    public Stream StandardOutput => _process.StandardOutput.BaseStream;

    /// <summary>Starts <paramref name="executable"/>; a missing executable becomes <see cref="MediaErrorCode.FfmpegMissing"/>.</summary>
    public static ChildProcess Start(string executable, IEnumerable<string> arguments, CancellationToken cancellationToken, bool writeStdin = false)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var info = new ProcessStartInfo(executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            CreateNoWindow = true,
        };
        foreach (var argument in arguments) info.ArgumentList.Add(argument);
        var process = new Process { StartInfo = info };
        try
        {
            process.Start();
        }
        catch (Win32Exception e)
        {
            process.Dispose();
            throw new MediaException(MediaErrorCode.FfmpegMissing, $"'{executable}' could not be started ({e.Message}); run ./setup.sh to install ffmpeg", e);
        }
        // ffmpeg must never wait for a keypress or read our stdin, unless we feed it frames (an encoder).
        if (!writeStdin) process.StandardInput.Close();
        return new ChildProcess(process, cancellationToken);
    }

    /// <summary>The last few KB ffmpeg wrote to stderr.</summary>
    public string StderrTail
    {
        get
        {
            lock (_stderrTail) return _stderrTail.ToString().Trim();
        }
    }

    /// <summary>Waits for exit (stderr fully drained) and returns the exit code.</summary>
    public async Task<int> WaitForExitAsync(CancellationToken cancellationToken)
    {
        await _process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        await _stderrPump.ConfigureAwait(false);
        return _process.ExitCode;
    }

    /// <summary>Kills the child and its descendants; safe to call more than once.</summary>
    public void Kill()
    {
        try
        {
            if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // Already exited between the check and the kill.
        }
        catch (Win32Exception)
        {
            // Already reaped.
        }
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0) return;
        _cancelRegistration.Dispose();
        Kill();
        try
        {
            // Reap the child so it leaves no zombie; bounded because it was just killed.
            _process.WaitForExit(5000);
        }
        catch (InvalidOperationException)
        {
            // Never started properly; nothing to reap.
        }
        _process.Dispose();
    }

    private async Task PumpStderrAsync()
    {
        var buffer = new char[1024];
        var reader = _process.StandardError;
        try
        {
            int read;
            while ((read = await reader.ReadAsync(buffer.AsMemory()).ConfigureAwait(false)) > 0)
            {
                lock (_stderrTail)
                {
                    _stderrTail.Append(buffer, 0, read);
                    if (_stderrTail.Length > StderrTailChars) _stderrTail.Remove(0, _stderrTail.Length - StderrTailChars);
                }
            }
        }
        catch (Exception e) when (e is ObjectDisposedException or IOException)
        {
            // The process was killed and its pipe closed under us.
        }
    }
}
