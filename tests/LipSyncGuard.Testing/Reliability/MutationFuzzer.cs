using System.Diagnostics;
using LipSyncGuard.Media;

namespace LipSyncGuard.Testing.Reliability;

/// <summary>Seeded mutation fuzzing of the media layer: each case mutates one source video (bit flips, chunk deletion,
/// chunk duplication, or a mix), then probes it and decodes its video and audio as the analyzer does, under a per-file
/// timeout. A <see cref="MediaException"/> is a clean refusal; anything else is a crash; running past the timeout is a hang.</summary>
public static class MutationFuzzer
{
    /// <summary>A mutated copy of <paramref name="source"/> and a short description of what was done.</summary>
    public static (byte[] Bytes, string What) Mutate(byte[] source, Random random)
    {
        var bytes = source;
        var steps = new List<string>();
        var count = random.Next(1, 4);
        for (var i = 0; i < count; i++)
        {
            // Keep most mutations past the first bytes now and then, so files still look like media and reach the decoders.
            var kind = random.Next(3);
            var at = random.Next(bytes.Length);
            var length = Math.Min(bytes.Length - at, 1 + random.Next(Math.Max(1, bytes.Length / 50)));
            switch (kind)
            {
                case 0:
                    bytes = (byte[])bytes.Clone();
                    var flips = 1 + random.Next(64);
                    for (var f = 0; f < flips; f++) bytes[random.Next(bytes.Length)] ^= (byte)(1 << random.Next(8));
                    steps.Add($"flip {flips} bits");
                    break;
                case 1:
                    bytes = [.. bytes.AsSpan(0, at), .. bytes.AsSpan(at + length)];
                    steps.Add($"delete {length} B at {at}");
                    break;
                default:
                    bytes = [.. bytes.AsSpan(0, at + length), .. bytes.AsSpan(at, length), .. bytes.AsSpan(at + length)];
                    steps.Add($"duplicate {length} B at {at}");
                    break;
            }
            if (bytes.Length == 0) bytes = [0];
        }
        return (bytes, string.Join(", ", steps));
    }

    /// <summary>Runs <paramref name="cases"/> mutations of <paramref name="sources"/> (chosen and mutated from
    /// <paramref name="seed"/>) in <paramref name="workDirectory"/>, deleting each file after use.</summary>
    public static async Task<FuzzReport> RunAsync(
        IReadOnlyList<string> sources, int cases, int seed, TimeSpan perFile, string workDirectory, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfZero(sources.Count);
        var random = new Random(seed);
        var originals = sources.Select(File.ReadAllBytes).ToArray();
        var refused = new SortedDictionary<string, int>(StringComparer.Ordinal);
        var crashes = new List<string>();
        var hangs = new List<string>();
        var read = 0;
        var slowest = TimeSpan.Zero;
        var watch = Stopwatch.StartNew();
        // Limits as the service applies them, with a short probe timeout: the per-file timeout is the hang detector.
        var prober = new MediaProber(MediaLimits.Default with { ProbeTimeout = perFile });
        var video = new VideoDecoder(prober);
        var audio = new AudioDecoder(prober);
        for (var i = 0; i < cases; i++)
        {
            var pick = random.Next(sources.Count);
            var (bytes, what) = Mutate(originals[pick], random);
            var path = Path.Combine(workDirectory, $"fuzz-{i:D5}{Path.GetExtension(sources[pick])}");
            await File.WriteAllBytesAsync(path, bytes, cancellationToken).ConfigureAwait(false);
            var label = $"#{i} {Path.GetFileName(sources[pick])}: {what}";
            var one = Stopwatch.StartNew();
            using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            limit.CancelAfter(perFile);
            try
            {
                var info = await prober.ProbeAsync(path, limit.Token).ConfigureAwait(false);
                if (info.Video is not null)
                {
                    await foreach (var frame in video.DecodeAsync(info, cancellationToken: limit.Token).ConfigureAwait(false)) frame.Dispose();
                }
                if (info.HasAudio) _ = await audio.DecodeAsync(info, cancellationToken: limit.Token).ConfigureAwait(false);
                read++;
            }
            catch (MediaException e)
            {
                refused[e.CodeName] = refused.GetValueOrDefault(e.CodeName) + 1;
                if (e.Message.Contains('\n', StringComparison.Ordinal)) crashes.Add($"{label}: multi-line message");
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                hangs.Add(label);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                crashes.Add($"{label}: {e.GetType().Name}: {e.Message}");
            }
            finally
            {
                File.Delete(path);
            }
            if (one.Elapsed > slowest) slowest = one.Elapsed;
        }
        var leftovers = ChildProcesses.FfmpegMentioningAfterSettling(workDirectory).Count;
        return new FuzzReport(cases, seed, read, refused, crashes, hangs, leftovers, watch.Elapsed, slowest);
    }
}
