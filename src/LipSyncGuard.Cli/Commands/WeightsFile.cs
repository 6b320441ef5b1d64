using LipSyncGuard.Analysis;

namespace LipSyncGuard.Cli.Commands;

/// <summary>Checks a <c>--weights</c> path before any model loads.</summary>
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
}
