using System.Text.Json;

namespace LowLatency.Binance;

/// <summary>
/// Reads a <c>bookTicker</c> event (bare or in a combined stream's <c>data</c>) without allocating: the symbol's
/// bytes (a slice of the message), the update id, and the best bid and ask with their quantities as exact decimals.
/// </summary>
public static class BookTickerReader
{
    public static bool TryRead(ReadOnlySpan<byte> json, out ReadOnlySpan<byte> symbol, out long updateId, out decimal bid, out decimal bidQuantity,
        out decimal ask, out decimal askQuantity)
    {
        symbol = default;
        (updateId, bid, bidQuantity, ask, askQuantity) = (-1, 0, 0, 0, 0);
        var fields = 0;
        try
        {
            var reader = new Utf8JsonReader(json);
            if (!StreamEventFields.Open(ref reader))
            {
                return false;
            }

            while (StreamEventFields.Next(ref reader))
            {
                if (reader.ValueTextEquals("s"u8))
                {
                    if (!reader.Read() || reader.TokenType != JsonTokenType.String || reader.ValueIsEscaped)
                    {
                        return false;
                    }

                    symbol = reader.ValueSpan;
                    fields |= 1;
                }
                else if (reader.ValueTextEquals("u"u8))
                {
                    fields |= reader.Read() && reader.TryGetInt64(out updateId) ? 2 : 0;
                }
                else if (reader.ValueTextEquals("b"u8))
                {
                    fields |= JsonDecimal.TryRead(ref reader, out bid) ? 4 : 0;
                }
                else if (reader.ValueTextEquals("B"u8))
                {
                    fields |= JsonDecimal.TryRead(ref reader, out bidQuantity) ? 8 : 0;
                }
                else if (reader.ValueTextEquals("a"u8))
                {
                    fields |= JsonDecimal.TryRead(ref reader, out ask) ? 16 : 0;
                }
                else if (reader.ValueTextEquals("A"u8))
                {
                    fields |= JsonDecimal.TryRead(ref reader, out askQuantity) ? 32 : 0;
                }
                else
                {
                    StreamEventFields.Skip(ref reader);
                }
            }
        }
        catch (JsonException)
        {
            return false;
        }

        return fields == 63;
    }
}
