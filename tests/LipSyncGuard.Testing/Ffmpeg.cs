using System.Diagnostics;

namespace LipSyncGuard.Testing;

/// <summary>Runs ffmpeg / ffprobe from tests to make fixtures and read reference values.</summary>
public static class Ffmpeg
{
    /// <summary>Runs ffmpeg with <paramref name="arguments"/>; throws with its stderr when it fails.</summary>
    public static void Run(params string[] arguments) => Exec("ffmpeg", ["-nostdin", "-hide_banner", "-loglevel", "error", "-y", .. arguments]);

    /// <summary>Runs ffprobe and returns its stdout.</summary>
    public static string Probe(params string[] arguments) => Exec("ffprobe", ["-v", "error", .. arguments]);

    /// <summary>Frames ffprobe counts by decoding the first video stream.</summary>
    public static int CountFrames(string path) =>
        int.Parse(Probe("-count_frames", "-select_streams", "v:0", "-show_entries", "stream=nb_read_frames", "-of", "csv=p=0", path).Trim().TrimEnd(','), System.Globalization.CultureInfo.InvariantCulture);

    private static string Exec(string exe, string[] arguments)
    {
        var info = new ProcessStartInfo(exe) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in arguments) info.ArgumentList.Add(a);
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(120_000))
        {
            process.Kill(true);
            throw new TimeoutException($"{exe} timed out");
        }
        if (process.ExitCode != 0) throw new InvalidOperationException($"{exe} failed ({process.ExitCode}): {stderr.Result}");
        return stdout.Result;
    }
}
