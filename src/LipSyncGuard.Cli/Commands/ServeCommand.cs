using System.CommandLine;
using LipSyncGuard.Service;
using Microsoft.Extensions.Hosting;

namespace LipSyncGuard.Cli.Commands;

/// <summary><c>lipsync serve</c>: the HTTP service (POST /api/lip-sync, the web page at /).</summary>
public static class ServeCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create()
    {
        var urls = new Option<string>("--urls") { Description = "Address to listen on.", DefaultValueFactory = _ => ServiceHost.DefaultUrl };
        var weights = new Option<string?>("--weights") { Description = "The model: a cue verdict fitted with 'lipsync fit-cues' (its lipsyncguard-cues.json; the sync-landmarks.json beside it is used), or a trained detector (.safetensors with its card beside it, e.g. models/lipsyncguard-default.safetensors); none: sync-only mode. Default: the shipped cue verdict (models/lipsyncguard-cues.json)." };
        var command = new Command("serve", "Run the HTTP service and web page.") { urls, weights };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var path = WeightsFile.Check(parse.GetValue(weights));
            string[] args = path is null ? ["--urls", parse.GetValue(urls)!] : ["--urls", parse.GetValue(urls)!, $"--{ServiceOptions.Section}:Weights={path}"];
            await using var app = ServiceHost.Create(args);
            await app.StartAsync(cancellationToken).ConfigureAwait(false);
            await app.WaitForShutdownAsync(cancellationToken).ConfigureAwait(false);
            return CliApp.Ok;
        });
        return command;
    }
}
