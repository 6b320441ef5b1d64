using System.CommandLine;
using LipSyncGuard.Cli.Commands;
using LipSyncGuard.Faces;
using LipSyncGuard.Faces.Landmarks;
using LipSyncGuard.Media;

namespace LipSyncGuard.Cli;

/// <summary>Builds the command tree and turns every failure into one line <c>error: &lt;code&gt;: message</c> and an exit
/// code: 0 success, 1 internal error, 2 bad input (or usage), 3 some files of a folder (or jobs of a batch) failed.</summary>
public static class CliApp
{
    /// <summary>Exit code for success.</summary>
    public const int Ok = 0;

    /// <summary>Exit code for an internal or environment error.</summary>
    public const int InternalError = 1;

    /// <summary>Exit code for bad input or bad usage.</summary>
    public const int BadInput = 2;

    /// <summary>Exit code for a folder run in which some files (not all) could not be analysed, or a batch in which some
    /// jobs (not all) failed.</summary>
    public const int SomeFailed = 3;

    /// <summary>The exit code of a run over <paramref name="total"/> files (analyze FOLDER) or jobs (batch) of which
    /// <paramref name="failed"/> failed: <see cref="Ok"/> when none, <see cref="SomeFailed"/> when some,
    /// <see cref="BadInput"/> when all.</summary>
    public static int FolderExitCode(int failed, int total) => failed == 0 ? Ok : failed < total ? SomeFailed : BadInput;

    /// <summary>Shows stack traces on failure.</summary>
    public static readonly Option<bool> Verbose = new("--verbose", "-v")
    {
        Description = "Show full error details (stack traces).",
        Recursive = true,
    };

    /// <summary>Parses <paramref name="args"/> and runs the chosen command.</summary>
    public static async Task<int> RunAsync(string[] args, CancellationToken cancellationToken = default)
    {
        var root = new RootCommand("LipSyncGuard: do the mouths in a video match its speech?");
        root.Options.Add(Verbose);
        root.Subcommands.Add(ProbeCommand.Create());
        root.Subcommands.Add(VersionCommand.Create());
        root.Subcommands.Add(FacesCommand.Create());
        root.Subcommands.Add(AnalyzeCommand.Create());
        root.Subcommands.Add(FitSyncCommand.Create());
        root.Subcommands.Add(FitTextureCommand.Create());
        root.Subcommands.Add(FitCuesCommand.Create());
        root.Subcommands.Add(LipsCommand.Create());
        root.Subcommands.Add(ServeCommand.Create());
        root.Subcommands.Add(WorkerCommand.Create());
        root.Subcommands.Add(BatchCommand.Create());
        root.Subcommands.Add(TrainCommand.Create());
        root.Subcommands.Add(CardCommand.Create());
        root.Subcommands.Add(FineTuneCommand.Create());
        root.Subcommands.Add(EvaluateCommand.Create());
        root.Subcommands.Add(PretrainSyncCommand.Create());
        root.Subcommands.Add(PreprocessCommand.Create());
        root.Subcommands.Add(SynthCommand.Create());

        ConsoleWidth.Apply();
        var parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            var help = parse.CommandResult.Command is RootCommand ? "lipsync --help" : $"lipsync {parse.CommandResult.Command.Name} --help";
            await Console.Error.WriteLineAsync($"error: {UsageException.UsageCode}: {OneLine(parse.Errors[0].Message)} (see '{help}')").ConfigureAwait(false);
            return BadInput;
        }
        try
        {
            return await parse.InvokeAsync(new InvocationConfiguration { EnableDefaultExceptionHandler = false }, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            var (code, line) = Describe(e);
            await Console.Error.WriteLineAsync(line).ConfigureAwait(false);
            if (parse.GetValue(Verbose)) await Console.Error.WriteLineAsync(e.ToString()).ConfigureAwait(false);
            return code;
        }
    }

    /// <summary>The exit code and the one line a user sees for <paramref name="e"/>.</summary>
    public static (int Code, string Line) Describe(Exception e) => e switch
    {
        MediaException m => (m.Code.IsInputError() ? BadInput : InternalError, $"error: {m.CodeName}: {m.Message}"),
        FaceModelMissingException or LandmarkModelMissingException => (InternalError, $"error: models_missing: {OneLine(e.Message)}"),
        // A file the installation should hold (a shipped model, the sync measure): the message says which and how to get it.
        FileNotFoundException => (InternalError, $"error: file_missing: {OneLine(e.Message)}"),
        UsageException u => (BadInput, $"error: {u.Code}: {OneLine(u.Message)}"),
        OperationCanceledException => (InternalError, "error: cancelled: the run was cancelled"),
        _ => (InternalError, $"error: internal: {e.GetType().Name}: {OneLine(e.Message)} (rerun with --verbose for details)"),
    };

    private static string OneLine(string message) => message.ReplaceLineEndings(" ").Replace('\t', ' ');
}
