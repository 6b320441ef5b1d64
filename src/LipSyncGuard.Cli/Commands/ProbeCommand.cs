using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using LipSyncGuard.Media;
using Spectre.Console;

namespace LipSyncGuard.Cli.Commands;

/// <summary><c>lipsync probe FILE [--json]</c>: what the media layer sees in a file.</summary>
public static class ProbeCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create()
    {
        var file = new Argument<string>("file") { Description = "A video file." };
        var json = new Option<bool>("--json") { Description = "Print JSON instead of a table." };
        var command = new Command("probe", "Show duration, frame rate, size, codecs and audio of a video.") { file, json };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var info = await new MediaProber().ProbeAsync(parse.GetValue(file)!, cancellationToken).ConfigureAwait(false);
            info.RequireVideo();
            if (parse.GetValue(json)) Console.WriteLine(JsonSerializer.Serialize(info, CliJson.Options));
            else Render(info);
            return CliApp.Ok;
        });
        return command;
    }

    private static void Render(MediaInfo info)
    {
        var inv = CultureInfo.InvariantCulture;
        var table = new Table().Border(TableBorder.Rounded).Title(Markup.Escape(Path.GetFileName(info.Path)));
        table.AddColumn("property");
        table.AddColumn("value");
        void Row(string name, string value) => table.AddRow(Markup.Escape(name), Markup.Escape(value));
        Row("container", info.FormatName);
        Row("duration", $"{info.Duration.TotalSeconds.ToString("0.000", inv)} s");
        Row("size", $"{info.SizeBytes:N0} bytes");
        if (info.Video is { } v)
        {
            Row("video", $"{v.Codec} {v.Width}x{v.Height} {v.PixelFormat}" + (v.Rotation != 0 ? $" (rotated {v.Rotation}°)" : ""));
            Row("fps (avg / real)", $"{v.AverageFps.ToString("0.###", inv)} / {v.RealFps.ToString("0.###", inv)}" + (v.IsVariableFrameRate ? " (variable)" : ""));
            Row("frames (estimate)", v.FrameCountEstimate.ToString(inv));
        }
        Row("audio", info.Audio is { } a ? $"{a.Codec} {a.SampleRate} Hz, {a.Channels} ch" : "none");
        AnsiConsole.Write(table);
    }
}
