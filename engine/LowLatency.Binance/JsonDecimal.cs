using System.Buffers.Text;
using System.Text.Json;

namespace LowLatency.Binance;

/// <summary>Binance writes prices and quantities as decimal strings: the next token read as an exact decimal, without allocating.</summary>
internal static class JsonDecimal
{
    public static bool TryRead(ref Utf8JsonReader reader, out decimal value)
    {
        value = 0;
        return reader.Read() && reader.TokenType == JsonTokenType.String && !reader.ValueIsEscaped && !reader.HasValueSequence
            && Utf8Parser.TryParse(reader.ValueSpan, out value, out var used) && used == reader.ValueSpan.Length;
    }
}
