using System.CommandLine;
using System.Text.Json;
using LipSyncGuard.Analysis;
using LipSyncGuard.Training;
using Spectre.Console;
using LipSyncGuard.Detection;

namespace LipSyncGuard.Cli.Commands;

/// <summary><c>lipsync card</c>: completes a detector's JSON card with its provenance notes and renders the markdown card.</summary>
public static class CardCommand
{
    /// <summary>The part of a card a person writes: sources with licences, the recipe, the limitations.</summary>
    private sealed record Notes(IReadOnlyList<string>? Sources, IReadOnlyList<string>? Recipe, IReadOnlyList<string>? Limitations);

    /// <summary>Builds the command.</summary>
    public static Command Create()
    {
        var weights = new Option<string>("--weights") { Description = "Detector weights; the card beside them (NAME.json or model_card.json) is read and updated.", Required = true };
        var merge = new Option<string?>("--merge") { Description = "JSON with Sources, Recipe and Limitations (lists of strings) to write into the card." };
        var markdown = new Option<string?>("--markdown") { Description = "Write the human model card (markdown) here." };
        var roc = new Option<string?>("--roc") { Description = "ROC image to show under the held-out table (path relative to the markdown file)." };
        var command = new Command("card", "Complete a detector's model card with its notes and render it as markdown.") { weights, merge, markdown, roc };
        command.SetAction(parse =>
        {
            var path = parse.GetValue(weights)!;
            var cardPath = LipSyncDetector.CardPath(path);
            if (!File.Exists(cardPath)) throw new UsageException($"--weights '{path}': no model card at '{cardPath}'");
            var card = DetectorCard.Load(cardPath);
            if (parse.GetValue(merge) is { } notesPath)
            {
                if (!File.Exists(notesPath)) throw new UsageException($"--merge '{notesPath}' does not exist", UsageException.NotFoundCode);
                Notes notes;
                try
                {
                    notes = JsonSerializer.Deserialize<Notes>(File.ReadAllText(notesPath)) ?? throw new UsageException($"--merge '{notesPath}' is empty");
                }
                catch (JsonException e)
                {
                    throw new UsageException($"--merge '{notesPath}' is not valid JSON: {e.Message}");
                }
                card = card with { Sources = notes.Sources ?? card.Sources, Recipe = notes.Recipe ?? card.Recipe, Limitations = notes.Limitations ?? card.Limitations };
                card.Save(cardPath);
                AnsiConsole.MarkupLine($"notes merged into [green]{Markup.Escape(cardPath)}[/]");
            }
            if (parse.GetValue(markdown) is { } output)
            {
                File.WriteAllText(output, ModelCardMarkdown.Render(card, Path.GetFileNameWithoutExtension(path), parse.GetValue(roc)));
                AnsiConsole.MarkupLine($"model card → [green]{Markup.Escape(output)}[/]");
            }
            return CliApp.Ok;
        });
        return command;
    }
}
