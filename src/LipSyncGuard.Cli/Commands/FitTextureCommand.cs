using System.CommandLine;
using System.Globalization;
using LipSyncGuard.Analysis;
using LipSyncGuard.Data;
using LipSyncGuard.Training;
using Spectre.Console;
using LipSyncGuard.Detection;

namespace LipSyncGuard.Cli.Commands;

/// <summary><c>lipsync fit-texture --data-dir D --weights W</c>: fits the mouth-texture cue on real videos against
/// generator fakes and writes it into the weights' model card. Videos of the card's validation groups are left out, so
/// <c>evaluate --fit-fusion</c> on those groups then weighs the cue on videos it was not fitted on.</summary>
public static class FitTextureCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create()
    {
        var dataDir = new Option<string>("--data-dir") { Description = "Training dataset (AVLips layout or manifest.csv): its reals and generator fakes are used; swap / shift / retime / freeze fakes (real pixels) are skipped.", Required = true };
        var weights = new Option<string>("--weights") { Description = "best_model.safetensors whose model card receives the cue.", Required = true };
        var cacheDir = new Option<string>("--cache-dir") { Description = "Feature cache (filled by preprocessing on first use).", DefaultValueFactory = _ => Path.Combine(".cache", "features") };
        var command = new Command("fit-texture", "Fit the mouth-texture cue (mouth vs surrounding-skin sharpness, motion, flicker) on reals vs generator fakes, into the model card.")
        {
            dataDir, weights, cacheDir,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var path = parse.GetValue(weights)!;
            if (!File.Exists(path)) throw new UsageException($"--weights '{path}' does not exist", UsageException.NotFoundCode);
            var cardPath = LipSyncDetector.CardPath(path);
            if (!File.Exists(cardPath)) throw new UsageException($"--weights: no model card at '{cardPath}'");
            var card = DetectorCard.Load(cardPath);
            var directory = parse.GetValue(dataDir)!;
            var validation = card.ValidationGroups.ToHashSet(StringComparer.Ordinal);
            var items = TrainingCommandSupport.Items(directory).Where(i => !validation.Contains(i.Group) && TextureCue.Teaches(i)).ToList();
            if (!items.Any(i => i.Label == 1) || !items.Any(i => i.Label == 0))
                throw new UsageException($"--data-dir '{directory}' has no real or no generator-fake videos outside the weights' validation groups");

            var cache = await TrainingCommandSupport.PrepareAsync(items, parse.GetValue(cacheDir)!, WindowSourceOptions.Default, new ConsoleLogger(), cancellationToken).ConfigureAwait(false);
            var stats = new List<Faces.MouthTextureStats>();
            var labels = new List<int>();
            foreach (var item in items)
            {
                if (await cache.TryLoadAsync(item, cancellationToken).ConfigureAwait(false) is not { } video
                    || TextureCue.MeasureLongestFace(video) is not { } measured) continue;
                stats.Add(measured);
                labels.Add(item.Label);
            }
            var cue = TrainingCommandSupport.Check(() => TextureCue.Fit(stats, labels)) with
            {
                FittedOn = string.Create(CultureInfo.InvariantCulture, $"{directory} minus the {validation.Count} validation groups, fitted {DateTime.UtcNow:yyyy-MM-dd}"),
            };
            (card with { Texture = cue }).Save(cardPath);
            AnsiConsole.MarkupLine(string.Create(CultureInfo.InvariantCulture,
                $"texture cue on {cue.Videos["real"]} real and {cue.Videos["fake"]} generator-fake videos ({items.Count - stats.Count} without a face skipped), training AUC {cue.TrainingAuc:0.000}; weights ")
                + Markup.Escape(string.Join(", ", TextureCue.FeatureNames.Zip(cue.Weights, (n, w) => string.Create(CultureInfo.InvariantCulture, $"{n} {w:+0.00;-0.00}"))))
                + $" → [green]{Markup.Escape(cardPath)}[/]");
            return CliApp.Ok;
        });
        return command;
    }
}
