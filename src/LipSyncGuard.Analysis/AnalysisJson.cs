using System.Text.Json;
using System.Text.Json.Serialization;

namespace LipSyncGuard.Analysis;

/// <summary>The JSON shape of results, shared by the CLI (<c>--json</c>) and HTTP so both print the same object.</summary>
public static class AnalysisJson
{
    /// <summary>snake_case property names, dictionary keys as they are (kinds, generator names, evaluation names are data),
    /// nulls written, NaN allowed (an AUC over one class), indented.</summary>
    public static JsonSerializerOptions Options { get; } = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals,
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
    };

    /// <summary>Serialises a result.</summary>
    public static string Serialize(AnalysisResult result) => JsonSerializer.Serialize(result, Options);
}
