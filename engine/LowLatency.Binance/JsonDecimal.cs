using System.Buffers.Text;
using System.Text.Json;

namespace LowLatency.Binance;

/// <summary>Binance writes prices and quantities as decimal strings: read as exact decimals, from a reader without allocating, or from a document's element.</summary>
internal static class JsonDecimal
{
    public static bool TryRead(ref Utf8JsonReader reader, out decimal value)
    {
        value = 0;
        return reader.Read() && reader.TokenType == JsonTokenType.String && !reader.ValueIsEscaped && !reader.HasValueSequence
            && Utf8Parser.TryParse(reader.ValueSpan, out value, out var used) && used == reader.ValueSpan.Length;
    }

    /// <exception cref="FormatException">The element is not a decimal string (a number, null, or text).</exception>
    public static decimal Read(JsonElement element) =>
        element.ValueKind == JsonValueKind.String
            ? decimal.Parse(element.GetString()!, System.Globalization.NumberStyles.AllowDecimalPoint | System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture)
            : throw new FormatException($"a price or quantity is {element.ValueKind}, not a decimal string");
}
