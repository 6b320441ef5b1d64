using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Json;
using LipSyncGuard.Analysis;
using LipSyncGuard.Faces;
using LipSyncGuard.Media;
using Spectre.Console;

namespace LipSyncGuard.Cli.Commands;

/// <summary><c>lipsync analyze FILE|FOLDER</c>: the verdict per video, per face and per moment.</summary>
public static class AnalyzeCommand
{

    /// <summary>Builds the command.</summary>
    public static Command Create()
    {
        var input = new Argument<string>("input") { Description = "A video file, or a folder analysed file by file." };
        var select = Choice.Create("--select", "Which faces decide the verdict.", TrackSelection.Longest);
        var maxFaces = new Option<int>("--max-faces") { Description = "Most faces per frame.", DefaultValueFactory = _ => AnalysisOptions.Default.MaxFaces };
        // Kept for scripts written against the first release; --select all says the same.
        var faces = new Option<string?>("--faces") { Description = "'all': same as --select all.", Hidden = true };
        var json = new Option<bool>("--json") { Description = "Print the JSON result (the same object the HTTP API returns)." };
        var csv = new Option<string?>("--csv") { Description = "Write a CSV report (one row per video)." };
        var plot = new Option<string?>("--plot") { Description = "Write the timeline as a PNG (single file only)." };
        var detectEvery = new Option<int>("--detect-every") { Description = "Detect faces every K frames; the tracker carries boxes between (faster).", DefaultValueFactory = _ => AnalysisOptions.Default.DetectEvery };
        var maxSide = new Option<int>("--max-side") { Description = "Decode frames no larger than this (raise for wide shots with small speakers).", DefaultValueFactory = _ => AnalysisOptions.Default.MaxSide };
        var syncModel = new Option<string?>("--sync-model") { Description = "A sync measure fitted with 'lipsync fit-sync' (default: the shipped one)." };
        var report = new Option<string?>("--report") { Description = "Write a self-contained HTML case report (single file only)." };
        var weights = new Option<string?>("--weights") { Description = "The model: a cue verdict fitted with 'lipsync fit-cues' (its lipsyncguard-cues.json; the sync-landmarks.json beside it is used unless --sync-model names one), or a trained detector (.safetensors with its card beside it, e.g. models/lipsyncguard-default.safetensors); none: sync-only mode. Default: the shipped cue verdict (models/lipsyncguard-cues.json)." };
        var operatingPoint = Choice.Create("--operating-point", "The cue verdict's operating point: strict (about 2 % of real videos from unseen sources called manipulated), balanced (5 %) or sensitive (10 %, catches more).", OperatingPointChoice.Balanced);
        var keyFrameEvery = new Option<int?>("--key-frame-every") { Description = "Search the whole frame for faces every K detector runs and follow them between by their 68 landmarks (1: search every frame). Default: what the model was fitted with." };
        var command = new Command("analyze", "Judge whether the mouths in a video match its speech.") { input, select, maxFaces, faces, json, csv, plot, report, syncModel, weights, operatingPoint, detectEvery, keyFrameEvery, maxSide };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var path = parse.GetValue(input)!;
            var options = Options(Choice.Get<TrackSelection>(parse, select), parse.GetValue(maxFaces), parse.GetValue(faces), parse.GetValue(detectEvery), parse.GetValue(keyFrameEvery), parse.GetValue(maxSide))
                with { OperatingPoint = Choice.Get<OperatingPointChoice>(parse, operatingPoint).ToString().ToLowerInvariant() };
            var files = Inputs(path);
            var plotPath = parse.GetValue(plot);
            if (plotPath is not null && files.Count != 1) throw new UsageException("--plot needs a single video, not a folder");
            if (plotPath is not null && !plotPath.EndsWith(".png", StringComparison.OrdinalIgnoreCase)) throw new UsageException($"--plot must name a .png file, got '{plotPath}'");
            var reportPath = parse.GetValue(report);
            if (reportPath is not null && files.Count != 1) throw new UsageException("--report needs a single video, not a folder");
            if (reportPath is not null && !reportPath.EndsWith(".html", StringComparison.OrdinalIgnoreCase)) throw new UsageException($"--report must name a .html file, got '{reportPath}'");
            var syncPath = parse.GetValue(syncModel);
            if (syncPath is not null && !File.Exists(syncPath)) throw new UsageException($"--sync-model '{syncPath}' does not exist", UsageException.NotFoundCode);

            var weightsPath = WeightsFile.Check(parse.GetValue(weights));
            var analyzerOptions = LipSyncAnalyzerOptions.FromEnvironment();
            if (syncPath is not null) analyzerOptions = analyzerOptions with { SyncModelPath = syncPath };
            // Each file is probed, and its frames' ffmpeg started, while the models load or the file before it is analysed:
            // both would otherwise wait for them (ffprobe, ffmpeg's start and its first frame are ~0.25 s of the time to the
            // first frame). ffmpeg decodes ahead only until its pipe is full.
            using var stopOpen = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var decode = analyzerOptions.DecodeOptions(options);
            Task<FrameStream> Open(string file) => Task.Run(() => new VideoDecoder().OpenAsync(file, decode, stopOpen.Token), CancellationToken.None);
            Task<FrameStream>? next = Open(files[0]);
            async Task StopOpeningAsync()
            {
                // No ffprobe or ffmpeg outlives the command (an analysis disposes the frames it was given).
                if (next is null) return;
                await stopOpen.CancelAsync().ConfigureAwait(false);
                await ((Task)next).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
                if (next.IsCompletedSuccessfully) next.Result.Dispose();
            }
            LipSyncAnalyzer opened;
            try
            {
                opened = WeightsFile.Open(analyzerOptions, weightsPath);
            }
            catch
            {
                await StopOpeningAsync().ConfigureAwait(false);
                throw;
            }
            using var analyzer = opened;
            // Once per run on stderr (each result's warnings repeat it), so a --json pipe still shows it to the person.
            foreach (var warning in analyzer.ModelWarnings) await Console.Error.WriteLineAsync($"warning: {warning}").ConfigureAwait(false);
            var asJson = parse.GetValue(json);
            var outcomes = new List<(string File, AnalysisResult? Result, string? Error)>();
            try
            {
                for (var i = 0; i < files.Count; i++)
                {
                    var (file, opening) = (files[i], next!);
                    next = i + 1 < files.Count ? Open(files[i + 1]) : null;
                    try
                    {
                        var result = await RunAsync(analyzer, file, opening, options, showProgress: !asJson, $"[{i + 1}/{files.Count}] ", cancellationToken).ConfigureAwait(false);
                        outcomes.Add((file, result, null));
                    }
                    catch (MediaException e) when (files.Count > 1)
                    {
                        // One bad file in a folder is reported and skipped.
                        outcomes.Add((file, null, $"{e.CodeName}: {e.Message}"));
                    }
                }
            }
            finally
            {
                await StopOpeningAsync().ConfigureAwait(false);
            }

            if (asJson)
            {
                Console.WriteLine(files.Count == 1 && !Directory.Exists(path)
                    ? AnalysisJson.Serialize(outcomes[0].Result!)
                    : JsonSerializer.Serialize(outcomes.Select(o => new { file = o.File, result = o.Result, error = o.Error }), AnalysisJson.Options));
            }
            else
            {
                foreach (var (file, result, error) in outcomes)
                {
                    if (result is not null) Render(file, result);
                    else AnsiConsole.MarkupLine($"[red]skipped[/] {Markup.Escape(Path.GetFileName(file))}: {Markup.Escape(error!)}");
                }
                if (outcomes.Count > 1) RenderSummary(outcomes);
            }
            if (parse.GetValue(csv) is { } csvPath) WriteCsv(csvPath, outcomes);
            if (plotPath is not null && outcomes[0].Result is { } single) TimelinePlot.Write(single, plotPath);
            if (reportPath is not null && outcomes[0].Result is { } analysed) File.WriteAllText(reportPath, CaseReport.Render(analysed, analyzer.Card, DateTimeOffset.UtcNow));
            return CliApp.FolderExitCode(outcomes.Count(o => o.Result is null), outcomes.Count);
        });
        return command;
    }

    private static AnalysisOptions Options(TrackSelection select, int maxFaces, string? faces, int detectEvery, int? keyFrameEvery, int maxSide)
    {
        if (faces is not null && !faces.Equals("all", StringComparison.OrdinalIgnoreCase)) throw new UsageException($"--faces accepts only 'all', got '{faces}'");
        try
        {
            return new AnalysisOptions { Selection = faces is null ? select : TrackSelection.All, MaxFaces = maxFaces, DetectEvery = detectEvery, KeyFrameEvery = keyFrameEvery, MaxSide = maxSide }.Validate();
        }
        catch (ArgumentOutOfRangeException e)
        {
            throw UsageException.OutOfRange(e);
        }
    }

    private static List<string> Inputs(string path)
    {
        if (File.Exists(path)) return [path];
        if (!Directory.Exists(path)) throw new UsageException($"'{path}' is neither a file nor a folder", UsageException.NotFoundCode);
        var files = Directory.EnumerateFiles(path).Where(VideoFiles.HasVideoExtension).Order(StringComparer.Ordinal).ToList();
        if (files.Count == 0) throw new UsageException($"'{path}' holds no video files");
        return files;
    }

    /// <summary>Analyses <paramref name="file"/>, which <paramref name="opening"/> is probing and starting to decode.</summary>
    private static async Task<AnalysisResult> RunAsync(
        LipSyncAnalyzer analyzer, string file, Task<FrameStream> opening, AnalysisOptions options, bool showProgress, string position, CancellationToken cancellationToken)
    {
        using var frames = await opening.ConfigureAwait(false);
        Task<AnalysisResult> Analyze(IProgress<AnalysisProgress>? progress) => analyzer.AnalyzeAsync(frames, options, progress, cancellationToken);
        if (!showProgress) return await Analyze(null).ConfigureAwait(false);
        // Logs and CI capture stderr: a few plain lines there instead of a redrawn bar.
        if (Console.IsErrorRedirected) return await Analyze(new ProgressLines(position + Path.GetFileName(file), Console.Error)).ConfigureAwait(false);
        AnalysisResult? result = null;
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
        await console.Progress().AutoClear(true).Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
            .StartAsync(async context =>
            {
                var task = context.AddTask(Markup.Escape(Path.GetFileName(file)), maxValue: 1);
                var progress = new Progress<AnalysisProgress>(p => task.Value = p.Stage == "frames" ? p.Fraction * 0.95 : 0.95 + (p.Fraction * 0.05));
                result = await Analyze(progress).ConfigureAwait(false);
            }).ConfigureAwait(false);
        return result!;
    }

    private static void Render(string file, AnalysisResult r)
    {
        var inv = CultureInfo.InvariantCulture;
        var verdict = r.Verdict switch
        {
            Verdict.Manipulated => $"[red bold]LIKELY MANIPULATED[/] (manipulation probability {r.ManipulationProbability.ToString("0.00", inv)})",
            Verdict.Inconclusive => $"[yellow bold]INCONCLUSIVE[/] (manipulation probability {r.ManipulationProbability.ToString("0.00", inv)})",
            Verdict.NotJudged => "[grey bold]NOT JUDGED[/]",
            _ => $"[green bold]CONSISTENT WITH THE SPEECH[/] (confidence real {r.Confidence.ToString("0.00", inv)})",
        };
        AnsiConsole.MarkupLine($"{Markup.Escape(Path.GetFileName(file))}: {verdict}");
        var table = new Table().Border(TableBorder.Rounded);
        foreach (var column in new[] { "face", "selected", "time", "verdict", "manipulation", "sync score", "AV offset", "cue" }) table.AddColumn(column);
        foreach (var f in r.Faces)
        {
            table.AddRow(
                Markup.Escape(f.Fallback ? "centre crop" : $"#{f.TrackId}"),
                f.Selected ? "yes" : "",
                Markup.Escape(string.Create(inv, $"{f.StartS:0.0}–{f.EndS:0.0} s")),
                Markup.Escape(JsonNamingPolicy.SnakeCaseLower.ConvertName(f.Verdict.ToString())),
                f.ManipulationProbability?.ToString("0.00", inv) ?? "–",
                f.SyncScore?.ToString("0.00", inv) ?? "–",
                f.AvOffsetMs is { } ms ? string.Create(inv, $"{ms:+0;-0;0} ms") : "–",
                f.Cue);
        }
        AnsiConsole.Write(table);
        // The reasons open the warnings (code: message); the rest are per-face and mode notes.
        foreach (var warning in r.Warnings) AnsiConsole.MarkupLine($"[yellow]{(r.Reasons.Any(x => x.ToString() == warning) ? "reason" : "warning")}[/] {Markup.Escape(warning)}");
        AnsiConsole.MarkupLine(string.Create(inv, $"[grey]{r.Video.Width}x{r.Video.Height}, {r.Video.DurationS:0.0} s, mode {r.Model.Mode}, threshold {r.Threshold:0.00}, {r.ProcessingMs} ms[/]"));
    }

    private static void RenderSummary(List<(string File, AnalysisResult? Result, string? Error)> outcomes)
    {
        var table = new Table().Border(TableBorder.Rounded).Title("summary");
        foreach (var column in new[] { "file", "verdict", "manipulation" }) table.AddColumn(column);
        foreach (var (file, result, error) in outcomes)
        {
            table.AddRow(Markup.Escape(Path.GetFileName(file)),
                result is null ? $"[red]skipped[/] {Markup.Escape(error ?? "")}" : Markup.Escape(JsonNamingPolicy.SnakeCaseLower.ConvertName(result.Verdict.ToString())),
                result?.ManipulationProbability.ToString("0.00", CultureInfo.InvariantCulture) ?? "–");
        }
        AnsiConsole.Write(table);
    }

    private static void WriteCsv(string path, List<(string File, AnalysisResult? Result, string? Error)> outcomes)
    {
        var inv = CultureInfo.InvariantCulture;
        var csv = new StringBuilder("file,verdict,is_real,is_fake,confidence,manipulation_probability,faces,av_offset_ms,warnings,error\n");
        foreach (var (file, r, error) in outcomes)
        {
            var worst = r?.Faces.FirstOrDefault(f => f.Selected);
            csv.Append(inv, $"{Quote(file)},{(r is null ? "" : JsonNamingPolicy.SnakeCaseLower.ConvertName(r.Verdict.ToString()))},{r?.IsReal},{r?.IsFake},{r?.Confidence},{r?.ManipulationProbability},{r?.Faces.Count},{worst?.AvOffsetMs},{Quote(string.Join("; ", r?.Warnings ?? []))},{Quote(error ?? "")}\n");
        }
        File.WriteAllText(path, csv.ToString());
    }

    private static string Quote(string value) => "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}

/// <summary>The cue verdict's operating points (<c>--operating-point</c>).</summary>
internal enum OperatingPointChoice
{
    /// <summary>About 2 % of real videos from unseen sources called manipulated.</summary>
    Strict,

    /// <summary>About 5 %.</summary>
    Balanced,

    /// <summary>About 10 %.</summary>
    Sensitive,
}
