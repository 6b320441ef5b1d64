using System.Globalization;
using Spectre.Console;

namespace LipSyncGuard.Cli;

/// <summary>The width tables are drawn at: <c>COLUMNS</c> when set, else the terminal's, else 120 when the output is
/// piped (Spectre would assume 80 and cut words such as "manipulation").</summary>
internal static class ConsoleWidth
{
    /// <summary>Width for piped output without <c>COLUMNS</c>.</summary>
    public const int Piped = 120;

    /// <summary>Sets the console profile's width.</summary>
    public static void Apply()
    {
        if (int.TryParse(Environment.GetEnvironmentVariable("COLUMNS"), NumberStyles.None, CultureInfo.InvariantCulture, out var columns) && columns >= 20)
            AnsiConsole.Profile.Width = columns;
        else if (Console.IsOutputRedirected)
            AnsiConsole.Profile.Width = Piped;
    }
}
