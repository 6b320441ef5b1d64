using System.CommandLine;
using System.Reflection;

namespace LipSyncGuard.Cli.Commands;

/// <summary><c>lipsync version</c>.</summary>
public static class VersionCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create()
    {
        var command = new Command("version", "Print the LipSyncGuard version.");
        command.SetAction(_ =>
        {
            var version = typeof(VersionCommand).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown";
            Console.WriteLine($"lipsync {version.Split('+')[0]}");
            return CliApp.Ok;
        });
        return command;
    }
}
