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
        var command = new Command("serve", "Run the HTTP service and web page.") { urls };
        command.SetAction(async (parse, cancellationToken) =>
        {
            await using var app = ServiceHost.Create(["--urls", parse.GetValue(urls)!]);
            await app.StartAsync(cancellationToken).ConfigureAwait(false);
            await app.WaitForShutdownAsync(cancellationToken).ConfigureAwait(false);
            return CliApp.Ok;
        });
        return command;
    }
}
