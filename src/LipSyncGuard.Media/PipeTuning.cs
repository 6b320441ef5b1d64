using System.IO.Pipes;
using System.Runtime.InteropServices;

namespace LipSyncGuard.Media;

/// <summary>Enlarges a Linux pipe so a whole video frame can be in flight: with the default 64 KB, ffmpeg and the reader
/// take turns hundreds of times per 720p frame.</summary>
internal static partial class PipeTuning
{
    private const int FSetPipeSize = 1031; // F_SETPIPE_SZ from <linux/fcntl.h>

    /// <summary>Best effort: asks for <paramref name="bytes"/> (the kernel caps it at /proc/sys/fs/pipe-max-size, 1 MB by
    /// default for unprivileged users); does nothing on other systems or other stream types.</summary>
    public static void TryEnlarge(Stream stream, int bytes)
    {
        if (!OperatingSystem.IsLinux() || stream is not PipeStream pipe) return;
        var fd = (int)pipe.SafePipeHandle.DangerousGetHandle();
        foreach (var size in new[] { bytes, 1 << 20 })
        {
            if (Fcntl(fd, FSetPipeSize, size) >= 0) return;
        }
    }

    [LibraryImport("libc", EntryPoint = "fcntl", SetLastError = true)]
    private static partial int Fcntl(int fd, int command, int argument);
}
