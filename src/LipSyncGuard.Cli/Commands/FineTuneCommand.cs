using System.CommandLine;
using LipSyncGuard.Training;
using LipSyncGuard.Detection;

namespace LipSyncGuard.Cli.Commands;

/// <summary><c>lipsync finetune</c>: two-phase fine-tuning from pretrained weights (frozen encoders, then top-down unfreezing).</summary>
public static class FineTuneCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create()
    {
        var flags = new TrainingFlags(epochs: 30, lr: 1e-4, output: "weights");
        var pretrained = new Option<string>("--pretrained") { Description = "Our checkpoint, or a PyTorch state dict (.pth / .pt / .bin / .safetensors).", Required = true };
        var freezeEpochs = new Option<int>("--freeze-epochs") { Description = "Epochs with the encoders frozen (phase 1).", DefaultValueFactory = _ => 10 };
        var encoderLr = new Option<double>("--lr-encoder") { Description = "Encoder learning rate in phase 2.", DefaultValueFactory = _ => 1e-5 };
        var command = new Command("finetune", "Fine-tune pretrained weights: phase 1 frozen encoders, phase 2 progressive top-down unfreezing.")
        {
            pretrained, freezeEpochs, encoderLr,
        };
        flags.AddTo(command);
        command.SetAction((parse, cancellationToken) =>
        {
            var options = flags.Options(parse, TrainingObjective.Detect, parse.GetValue(freezeEpochs), parse.GetValue(encoderLr));
            var from = parse.GetValue(pretrained)!;
            RefuseToOverwrite(from, parse.GetValue(flags.Output)!, outputGiven: parse.GetResult(flags.Output) is { Implicit: false });
            return flags.RunAsync(parse, "finetune", options, from, prepare: null, select: null, cancellationToken);
        });
        return command;
    }

    // Fine-tuning writes best_model.safetensors, last.* and model_card.json into --output: by default ("weights") that is
    // where the shipped or downloaded weights usually sit, and a first run overwrote them.
    private static void RefuseToOverwrite(string pretrained, string output, bool outputGiven)
    {
        var pretrainedFolder = Path.GetDirectoryName(Path.GetFullPath(pretrained));
        if (outputGiven || !string.Equals(pretrainedFolder, Path.GetFullPath(output).TrimEnd(Path.DirectorySeparatorChar), StringComparison.Ordinal)) return;
        throw new UsageException($"--pretrained '{pretrained}' lies in the output folder '{output}', whose weights and card the run would overwrite; "
            + $"pass --output NEW_FOLDER, or --output {output} to write there anyway");
    }
}
