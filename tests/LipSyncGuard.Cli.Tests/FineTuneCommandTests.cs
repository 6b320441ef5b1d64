using Xunit;

namespace LipSyncGuard.Cli.Tests;

public sealed class FineTuneCommandTests
{
    [Fact]
    public async Task FineTune_PretrainedInTheDefaultOutput_RefusesToOverwriteIt()
    {
        var result = await LipsyncProcess.RunAsync("finetune", "--data-dir", "/nonexistent", "--pretrained", "weights/best_model.safetensors");

        var line = result.UsageErrorLine();
        Assert.StartsWith("error: usage: --pretrained 'weights/best_model.safetensors' lies in the output folder 'weights'", line);
        Assert.Contains("--output", line);
    }

    [Fact]
    public async Task FineTune_OutputNamedExplicitly_GoesOnToTheData()
    {
        var result = await LipsyncProcess.RunAsync("finetune", "--data-dir", "/nonexistent", "--pretrained", "weights/best_model.safetensors", "--output", "weights");

        Assert.StartsWith("error: not_found: --data-dir '/nonexistent'", result.UsageErrorLine());
    }
}
