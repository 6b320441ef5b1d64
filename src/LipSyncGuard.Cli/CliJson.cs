using System.Text.Json;
using LipSyncGuard.Analysis;

namespace LipSyncGuard.Cli;

/// <summary>JSON settings of every <c>--json</c> output: the analysis result's (snake_case, indented, enums as
/// strings), plus durations as seconds for the media reports.</summary>
public static class CliJson
{
    /// <summary>The options.</summary>
    public static JsonSerializerOptions Options { get; } = new(AnalysisJson.Options) { Converters = { new SecondsConverter() } };
}
