using System.CommandLine;
using LipSyncGuard.Data;
using Spectre.Console;

namespace LipSyncGuard.Cli.Commands;

/// <summary><c>lipsync synth --input-dir REAL --output-dir OUT</c>: makes labelled lip-sync fakes from real videos.</summary>
public static class SynthCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create()
    {
        var inputDir = new Option<string>("--input-dir") { Description = "Real videos: a plain folder, or a dataset whose real items are used.", Required = true };
        var outputDir = new Option<string>("--output-dir") { Description = "Where the AVLips-layout dataset (0_real/, 1_fake/, manifest.csv) is written.", Required = true };
        var kinds = new Option<string>("--kinds") { Description = "Comma-separated: swap, shift, retime, freeze.", DefaultValueFactory = _ => "swap,shift,retime,freeze" };
        var seed = new Option<int>("--seed") { Description = "Seed of the random choices.", DefaultValueFactory = _ => SynthOptions.Default.Seed };
        var command = new Command("synth", "Make synthetic lip-sync fakes (audio swap, shift, mouth re-timing, mouth freeze) from real videos.") { inputDir, outputDir, kinds, seed };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var input = parse.GetValue(inputDir)!;
            if (!Directory.Exists(input)) throw new UsageException($"--input-dir '{input}' does not exist", UsageException.NotFoundCode);
            var chosen = new List<SynthKind>();
            foreach (var name in parse.GetValue(kinds)!.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                if (!Enum.TryParse<SynthKind>(name, ignoreCase: true, out var kind) || !Enum.IsDefined(kind))
                    throw new UsageException($"--kinds: unknown kind '{name}' (expected swap, shift, retime, freeze)");
                chosen.Add(kind);
            }
            if (chosen.Count == 0) throw new UsageException("--kinds: at least one kind is needed");
            var reals = Dataset.LoadRealVideos(input);
            if (reals.Count < 2) throw new UsageException($"--input-dir '{input}' holds {reals.Count} real video(s); synth needs at least 2");

            using var synthesizer = new FakeSynthesizer(SynthOptions.Default with { Kinds = chosen.Distinct().ToList(), Seed = parse.GetValue(seed) });
            IReadOnlyList<SynthesizedFake> fakes = [];
            await AnsiConsole.Progress().AutoClear(false)
                .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new RemainingTimeColumn())
                .StartAsync(async context =>
                {
                    var task = context.AddTask("synthesizing", maxValue: reals.Count * synthesizer.Options.Kinds.Count);
                    var progress = new Progress<(int Done, int Total, string File)>(p => { task.Value = p.Done; task.Description = Markup.Escape(p.File.Length > 0 ? p.File : "done"); });
                    fakes = await synthesizer.SynthesizeAsync(reals, parse.GetValue(outputDir)!, progress, cancellationToken).ConfigureAwait(false);
                    task.Value = task.MaxValue;
                }).ConfigureAwait(false);
            foreach (var failed in fakes.Where(f => f.Error is not null))
                AnsiConsole.MarkupLine($"[yellow]skipped[/] {failed.Kind.ToString().ToLowerInvariant()} of {Markup.Escape(Path.GetFileName(failed.Source.Path))}: {Markup.Escape(failed.Error!)}");
            AnsiConsole.MarkupLine($"{fakes.Count(f => f.Error is null)} fakes from {reals.Count} real videos → [green]{Markup.Escape(Path.Combine(parse.GetValue(outputDir)!, "manifest.csv"))}[/]");
            return CliApp.Ok;
        });
        return command;
    }
}
