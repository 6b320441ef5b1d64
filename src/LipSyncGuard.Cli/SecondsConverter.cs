using System.Text.Json;
using System.Text.Json.Serialization;

namespace LipSyncGuard.Cli;

/// <summary>Writes durations as seconds (a number), the unit every JSON consumer expects.</summary>
public sealed class SecondsConverter : JsonConverter<TimeSpan>
{
    /// <inheritdoc />
    public override TimeSpan Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        TimeSpan.FromSeconds(reader.GetDouble());

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, TimeSpan value, JsonSerializerOptions options) =>
        writer.WriteNumberValue(Math.Round(value.TotalSeconds, 6));
}
