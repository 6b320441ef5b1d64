using System.Globalization;

namespace LipSyncGuard.Testing;

/// <summary>Resident memory of a live process, read from /proc.</summary>
public static class ProcessMemory
{
    /// <summary>Resident memory now (VmRSS) and at its peak (VmHWM), in bytes. Throws <see cref="IOException"/> when
    /// the process has gone.</summary>
    public static (long Current, long Peak) Read(int processId)
    {
        long current = 0, peak = 0;
        foreach (var line in File.ReadLines($"/proc/{processId}/status"))
        {
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal)) current = Kilobytes(line) * 1024;
            else if (line.StartsWith("VmHWM:", StringComparison.Ordinal)) peak = Kilobytes(line) * 1024;
        }
        return (current, peak);
    }

    private static long Kilobytes(string line) =>
        long.Parse(line.Split(':', 2)[1].Trim().Split(' ')[0], NumberStyles.Integer, CultureInfo.InvariantCulture);
}
