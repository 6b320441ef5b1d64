using System.Text.Json;
using System.Text.Json.Serialization;

namespace LipSyncGuard.Cli;

/// <summary>JSON settings shared by every <c>--json</c> output: snake_case, indented, enums as strings.</summary>
public static class CliJson
{
    /// <summary>The options.</summary>
    public static JsonSerializerOptions Options { get; } = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower), new SecondsConverter() },
    };
}
