using System.CommandLine;
using LipSyncGuard.Training;
using LipSyncGuard.Detection;

namespace LipSyncGuard.Cli.Commands;

/// <summary><c>lipsync pretrain-sync</c>: self-supervised sync pretraining on real videos only.</summary>
public static class PretrainSyncCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create()
    {
        var flags = new TrainingFlags(epochs: 20, lr: 1e-3, output: Path.Combine("weights", "sync"));
        var command = new Command("pretrain-sync",
            "Pretrain the encoders on real videos: aligned windows vs audio shifted ≥ 5 frames or from another clip (BCE on the sync head). Use the result as finetune --pretrained.");
        flags.AddTo(command);
        command.SetAction((parse, cancellationToken) =>
        {
            var options = flags.Options(parse, TrainingObjective.Sync);
            return flags.RunAsync(parse, "pretrain-sync", options, pretrained: null,
                prepare: windows => SyncPairs.Make(windows, options.Seed),
                select: items => items.Where(i => !i.IsFake).ToList(), cancellationToken);
        });
        return command;
    }
}
