using LipSyncGuard.Data;
using LipSyncGuard.Media;

namespace LipSyncGuard.Bench;

/// <summary>The shortcut probe of issue 12: a logistic regression that sees only container metadata (size, frame rate,
/// codecs, bit rate, duration, audio format) — nothing about faces or sync — fitted on a training set and scored on a
/// test set, per kind. Its AUC is how much a model could gain by learning the container instead of the mouth.</summary>
internal static class MetadataProbe
{
    private static readonly string[] Names =
        ["log width", "log height", "aspect", "fps", "log bitrate", "log duration", "log bytes", "audio kHz", "audio channels", "h264", "yuv420p", "mp4"];

    public static async Task<string> RunAsync(BenchOptions options)
    {
        if (options.Train is null || options.Test is null) throw new ArgumentException("metadata-probe needs --train DIR --test DIR[,DIR…] (datasets with manifest.csv)");
        var prober = new MediaProber();
        async Task<LinearProbe.Set> Load(string dir)
        {
            var items = LinearProbe.Items(dir);
            var x = new List<double[]>();
            foreach (var item in items) x.Add(Features(await prober.ProbeAsync(item.Path).ConfigureAwait(false)));
            return new LinearProbe.Set(dir, x, items);
        }
        var train = await Load(options.Train).ConfigureAwait(false);
        var tests = new List<LinearProbe.Set>();
        foreach (var dir in options.TestDirectories) tests.Add(await Load(dir).ConfigureAwait(false));
        return LinearProbe.Report("Metadata-only probe", Names, train, tests, balanced: false);
    }

    private static double[] Features(MediaInfo info)
    {
        var v = info.Video;
        var a = info.Audio;
        return
        [
            Math.Log(Math.Max(1, v?.Width ?? 1)), Math.Log(Math.Max(1, v?.Height ?? 1)), (v?.Width ?? 1) / (double)Math.Max(1, v?.Height ?? 1),
            v?.AverageFps ?? 0, Math.Log(Math.Max(1, info.BitRate ?? 1)), Math.Log(Math.Max(0.1, info.Duration.TotalSeconds)), Math.Log(Math.Max(1, info.SizeBytes)),
            (a?.SampleRate ?? 0) / 1000.0, a?.Channels ?? 0, v?.Codec == "h264" ? 1 : 0, v?.PixelFormat == "yuv420p" ? 1 : 0,
            info.FormatName.Contains("mp4", StringComparison.Ordinal) ? 1 : 0,
        ];
    }
}
