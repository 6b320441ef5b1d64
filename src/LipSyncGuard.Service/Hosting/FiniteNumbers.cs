using System.Text.Json;
using System.Text.Json.Serialization;

namespace LipSyncGuard.Service.Hosting;

/// <summary>Writes a number that is not finite (an AUC over one class in a card) as JSON null, so every number in an
/// answer is a plain JSON number or null, as the OpenAPI document says, never the string "NaN".</summary>
public sealed class FiniteNumbers : JsonConverter<double>
{
    /// <inheritdoc />
    public override bool HandleNull => false;

    /// <inheritdoc />
    public override double Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => reader.GetDouble();

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, double value, JsonSerializerOptions options)
    {
        if (double.IsFinite(value)) writer.WriteNumberValue(value);
        else writer.WriteNullValue();
    }
}
