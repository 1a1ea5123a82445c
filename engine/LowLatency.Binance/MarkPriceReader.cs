using System.Text.Json;

namespace LowLatency.Binance;

/// <summary>
/// Reads a futures <c>markPriceUpdate</c> event (the <c>&lt;symbol&gt;@markPrice@1s</c> stream), bare or in a
/// combined stream's <c>data</c>, without allocating: the mark price (<c>p</c>), the index price (<c>i</c>), the
/// funding rate (<c>r</c>; empty on a delivery contract, read as 0), the next funding time (<c>T</c>) and the
/// event time (<c>E</c>).
/// </summary>
public static class MarkPriceReader
{
    public static bool TryRead(ReadOnlySpan<byte> json, out decimal mark, out decimal index, out decimal fundingRate, out long nextFundingMs, out long eventMs)
    {
        (mark, index, fundingRate, nextFundingMs, eventMs) = (0, 0, 0, 0, 0);
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
                    fields |= reader.Read() && reader.TokenType == JsonTokenType.String && reader.ValueTextEquals("markPriceUpdate"u8) ? 1 : 0;
                }
                else if (reader.ValueTextEquals("p"u8))
                {
                    fields |= JsonDecimal.TryRead(ref reader, out mark) ? 2 : 0;
                }
                else if (reader.ValueTextEquals("i"u8))
                {
                    JsonDecimal.TryRead(ref reader, out index);
                }
                else if (reader.ValueTextEquals("r"u8))
                {
                    JsonDecimal.TryRead(ref reader, out fundingRate); // "" on delivery contracts: no funding
                }
                else if (reader.ValueTextEquals("T"u8))
                {
                    _ = reader.Read() && reader.TryGetInt64(out nextFundingMs);
                }
                else if (reader.ValueTextEquals("E"u8))
                {
                    fields |= reader.Read() && reader.TryGetInt64(out eventMs) ? 4 : 0;
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

        return fields == 7 && mark > 0;
    }
}
