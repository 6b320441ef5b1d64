using System.Diagnostics;

namespace LipSyncGuard.Bench;

/// <summary>Wall-clock medians and child-process helpers for benchmarks.</summary>
internal static class Timing
{
    /// <summary>Runs <paramref name="action"/> <paramref name="repeats"/> times after one warm-up and returns the median seconds.</summary>
    public static Task<double> MedianSecondsAsync(int repeats, Func<Task> action) =>
        MedianAsync(repeats, async () =>
        {
            var watch = Stopwatch.StartNew();
            await action().ConfigureAwait(false);
            return watch.Elapsed.TotalSeconds;
        });

    /// <summary>The median of <paramref name="repeats"/> values of <paramref name="measure"/> after one warm-up run.</summary>
    public static async Task<double> MedianAsync(int repeats, Func<Task<double>> measure)
    {
        await measure().ConfigureAwait(false);
        var values = new List<double>();
        for (var i = 0; i < repeats; i++) values.Add(await measure().ConfigureAwait(false));
        values.Sort();
        return values[values.Count / 2];
    }

    /// <summary>Runs a program to completion; throws with its stderr on failure.</summary>
    public static async Task RunAsync(string exe, params string[] arguments)
    {
        var info = new ProcessStartInfo(exe) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var a in arguments) info.ArgumentList.Add(a);
        using var process = Process.Start(info)!;
        var stderr = process.StandardError.ReadToEndAsync();
        await process.StandardOutput.ReadToEndAsync().ConfigureAwait(false);
        await process.WaitForExitAsync().ConfigureAwait(false);
        if (process.ExitCode != 0) throw new InvalidOperationException($"{exe} failed: {await stderr.ConfigureAwait(false)}");
    }
}
