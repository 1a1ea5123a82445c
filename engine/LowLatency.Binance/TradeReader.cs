using System.Text.Json;

namespace LowLatency.Binance;

/// <summary>
/// Reads a <c>trade</c> (spot) or <c>aggTrade</c> (either market) event, bare or in a combined stream's
/// <c>data</c>, without allocating: its id (the trade's <c>t</c>, or the aggregate's <c>a</c>; increasing per
/// symbol), its price and quantity as exact decimals and its trade time.
/// </summary>
public static class TradeReader
{
    public static bool TryRead(ReadOnlySpan<byte> json, out long id, out decimal price, out decimal quantity, out long tradeTimeMs)
    {
        (id, price, quantity, tradeTimeMs) = (-1, 0, 0, 0);
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
                if (reader.ValueTextEquals("e"u8))
                {
                    fields |= reader.Read() && reader.TokenType == JsonTokenType.String && (reader.ValueTextEquals("trade"u8) || reader.ValueTextEquals("aggTrade"u8)) ? 1 : 0;
                }
                else if (reader.ValueTextEquals("p"u8))
                {
                    fields |= JsonDecimal.TryRead(ref reader, out price) ? 2 : 0;
                }
                else if (reader.ValueTextEquals("q"u8))
                {
                    fields |= JsonDecimal.TryRead(ref reader, out quantity) ? 4 : 0;
                }
                else if (reader.ValueTextEquals("T"u8))
                {
                    fields |= reader.Read() && reader.TryGetInt64(out tradeTimeMs) ? 8 : 0;
                }
                else if (reader.ValueTextEquals("t"u8) || reader.ValueTextEquals("a"u8))
                {
                    fields |= reader.Read() && reader.TryGetInt64(out id) ? 16 : 0;
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

        return fields == 31 && price > 0 && quantity > 0;
    }
}
