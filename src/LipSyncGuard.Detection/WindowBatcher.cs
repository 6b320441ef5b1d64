using LipSyncGuard.Data;
using TorchSharp;
using static TorchSharp.torch;

namespace LipSyncGuard.Detection;

/// <summary>Turns <see cref="SampleWindow"/>s into the tensors <c>LipSyncNet</c> takes. The same code serves training and
/// inference, so both normalise alike.</summary>
public static class WindowBatcher
{
    /// <summary>Lip features per frame the batch carries (the distances plus the trusted flag).</summary>
    public static int LipFeatures(int lipWidth) => lipWidth + 1;

    /// <summary>Stacks <paramref name="windows"/> (all of one geometry) onto <paramref name="device"/>.</summary>
    /// <exception cref="ArgumentException">The windows disagree in frames, crop size, mel bins or lip width.</exception>
    public static WindowBatch Batch(IReadOnlyList<SampleWindow> windows, Device? device = null)
    {
        ArgumentNullException.ThrowIfNull(windows);
        if (windows.Count == 0) throw new ArgumentException("a batch needs at least one window", nameof(windows));
        var first = windows[0];
        int b = windows.Count, t = first.Frames, side = first.CropSize, bins = first.MelBins, lipWidth = first.LipWidth, melFrames = t * SampleWindow.MelPerFrame;
        foreach (var w in windows)
        {
            if (w.Frames != t || w.CropSize != side || w.MelBins != bins || w.LipWidth != lipWidth)
            {
                throw new ArgumentException(
                    $"window {w.VideoPath}@{w.StartFrame} is {w.Frames} frames, {w.CropSize} px, {w.MelBins} bins, {w.LipWidth} lips; the batch is {t}, {side}, {bins}, {lipWidth}",
                    nameof(windows));
            }
        }
        var frameBytes = t * side * side * 3;
        var crops = new byte[(long)b * frameBytes];
        var mel = new float[b * melFrames * bins];
        var lipFeatures = LipFeatures(lipWidth);
        var lips = new float[b * t * lipFeatures];
        var labels = new float[b];
        for (var i = 0; i < b; i++)
        {
            var w = windows[i];
            w.Crops.CopyTo(crops.AsSpan(i * frameBytes, frameBytes));
            Standardise(w.Mel, mel.AsSpan(i * melFrames * bins, melFrames * bins));
            for (var f = 0; f < t; f++)
            {
                var dst = lips.AsSpan(((i * t) + f) * lipFeatures, lipFeatures);
                // Untrusted landmarks are zeroed, and the flag tells the net which zeros mean "unknown".
                if (w.LipValid[f]) w.Lips.AsSpan(f * lipWidth, lipWidth).CopyTo(dst);
                dst[lipWidth] = w.LipValid[f] ? 1 : 0;
            }
            labels[i] = w.Label;
        }
        var target = device ?? CPU;
        using var scope = NewDisposeScope();
        var cropTensor = tensor(crops, [b, t, side, side, 3]).permute(0, 4, 1, 2, 3).to(float32).div_(255f).to(target);
        var melTensor = tensor(mel, [b, melFrames, bins]).transpose(1, 2).unsqueeze(1).contiguous().to(target);
        var lipTensor = tensor(lips, [b, t, lipFeatures]).to(target);
        var labelTensor = tensor(labels).to(target);
        return new WindowBatch(cropTensor.MoveToOuterDisposeScope(), melTensor.MoveToOuterDisposeScope(), lipTensor.MoveToOuterDisposeScope(),
            labelTensor.MoveToOuterDisposeScope());
    }

    /// <summary>Zero mean, unit variance over the whole window: loudness and recording gain say nothing about sync.</summary>
    private static void Standardise(ReadOnlySpan<float> source, Span<float> destination)
    {
        double sum = 0, sumSquares = 0;
        foreach (var v in source)
        {
            sum += v;
            sumSquares += (double)v * v;
        }
        var mean = sum / source.Length;
        var std = Math.Sqrt(Math.Max(1e-8, (sumSquares / source.Length) - (mean * mean)));
        for (var i = 0; i < source.Length; i++) destination[i] = (float)((source[i] - mean) / std);
    }
}
