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
            return flags.RunAsync(parse, "finetune", options, parse.GetValue(pretrained), prepare: null, select: null, cancellationToken);
        });
        return command;
    }
}
