using LipSyncGuard.Analysis;

namespace LipSyncGuard.Cli.Commands;

/// <summary>A <c>--weights</c> path: checked before any model loads, then the analyzer opened over the model it names.</summary>
internal static class WeightsFile
{
    private static readonly string[] PyTorchExtensions = [".pth", ".pt", ".bin", ".ckpt"];

    /// <summary><paramref name="path"/> when usable (null: the shipped model, <c>none</c>: sync-only), else a usage error
    /// that says what to pass instead.</summary>
    public static string? Check(string? path)
    {
        if (path is null || path == LipSyncAnalyzerOptions.NoDetector) return path;
        if (PyTorchExtensions.Contains(Path.GetExtension(path).ToLowerInvariant()))
        {
            throw new UsageException($"--weights '{path}' is a PyTorch file; detector weights are .safetensors with a model_card.json beside them "
                + "(written by 'lipsync train' or 'lipsync finetune', which imports a PyTorch state dict: --pretrained)");
        }
        if (!File.Exists(path)) throw new UsageException($"--weights '{path}' does not exist", UsageException.NotFoundCode);
        return path;
    }

    /// <summary>Code of a --weights file that is neither a cue verdict nor detector weights this build reads.</summary>
    public const string InvalidCode = "invalid_weights";

    /// <summary>The analyzer over <paramref name="options"/> with the model at <paramref name="path"/> (checked by
    /// <see cref="Check"/>; null: the shipped verdict); a file that is not a model this build reads (or detector weights
    /// without their card) is the user's input, so a usage error (<see cref="InvalidCode"/>), not an internal one.</summary>
    public static LipSyncAnalyzer Open(LipSyncAnalyzerOptions options, string? path)
    {
        ArgumentNullException.ThrowIfNull(options);
        try
        {
            return new LipSyncAnalyzer(options.WithWeights(path));
        }
        catch (Exception e) when (e is InvalidDataException or FileNotFoundException && path is not null && e.Message.Contains(path, StringComparison.Ordinal))
        {
            throw new UsageException($"--weights '{path}' is not a model this build reads: {e.Message}", InvalidCode);
        }
    }
}
