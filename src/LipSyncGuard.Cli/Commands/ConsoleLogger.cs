using Microsoft.Extensions.Logging;
using Spectre.Console;

namespace LipSyncGuard.Cli.Commands;

/// <summary>Writes library log lines to the terminal through Spectre (so they interleave with progress bars).</summary>
internal sealed class ConsoleLogger : ILogger
{
    private readonly LogLevel _minimum;

    public ConsoleLogger(LogLevel minimum = LogLevel.Information) => _minimum = minimum;

    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => logLevel >= _minimum;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        if (!IsEnabled(logLevel)) return;
        var text = Markup.Escape(formatter(state, exception));
        AnsiConsole.MarkupLine(logLevel >= LogLevel.Warning ? $"[yellow]{text}[/]" : text);
    }
}
