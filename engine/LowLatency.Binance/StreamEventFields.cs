using System.Text.Json;

namespace LowLatency.Binance;

/// <summary>
/// Walks a market stream event's fields, bare (<c>{"e":…}</c>) or inside a combined stream's <c>data</c>, without
/// allocating: each event type's reader asks for the next field name and reads or skips its value.
/// </summary>
internal static class StreamEventFields
{
    /// <summary>Steps into the message; false when it is not a JSON object.</summary>
    public static bool Open(ref Utf8JsonReader reader) => reader.Read() && reader.TokenType == JsonTokenType.StartObject;

    /// <summary>Moves to the event's next field name, stepping into <c>data</c>; false at the event's end or when <c>data</c> is not an object.</summary>
    public static bool Next(ref Utf8JsonReader reader)
    {
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (!reader.ValueTextEquals("data"u8))
            {
                return true;
            }

            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return false;
            }
        }

        return false;
    }

    /// <summary>Steps over the value of a field the reader does not want.</summary>
    public static void Skip(ref Utf8JsonReader reader)
    {
        reader.Read();
        reader.TrySkip();
    }
}
