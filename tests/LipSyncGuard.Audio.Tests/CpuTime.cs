using System.Diagnostics;

namespace LipSyncGuard.Audio.Tests;

/// <summary>Times work by the CPU time this process spends on it, not the wall clock: on a shared machine, waiting for
/// a core says nothing about our code. Best of several runs, because the first ones run unoptimised (tier-0) code.</summary>
internal static class CpuTime
{
    public static TimeSpan Best(Action work, int runs = 8)
    {
        using var process = Process.GetCurrentProcess();
        var best = TimeSpan.MaxValue;
        for (var run = 0; run < runs; run++)
        {
            process.Refresh();
            var before = process.TotalProcessorTime;
            work();
            process.Refresh();
            var spent = process.TotalProcessorTime - before;
            if (spent < best) best = spent;
        }
        return best;
    }
}
