using System.Text.Json;

namespace LowLatency.Binance;

/// <summary>
/// Reads Binance depth messages without allocating: a stream's <c>depthUpdate</c> (bare, or inside a combined
/// stream's <c>{"stream":…,"data":…}</c>) and a REST depth snapshot (<c>lastUpdateId</c>, <c>bids</c>, <c>asks</c>).
/// Prices and quantities are read from their strings as exact decimals into the caller's level array. Anything
/// malformed (not JSON, a missing id, a level that is not two decimal strings, more levels than the array holds)
/// is refused with the reason, never half-applied: the caller only uses the levels when this returns true.
/// </summary>
public static class DepthMessageReader
{
    /// <summary>Reads a diff; <paramref name="count"/> levels land in <paramref name="levels"/>.</summary>
    public static bool TryReadDiff(ReadOnlySpan<byte> json, Span<DepthLevel> levels, out DepthUpdate update, out int count, out string? error)
    {
        (update, count, error) = (default, 0, null);
        long first = -1, final = -1, previous = -1, time = 0;
        var type = false;
        try
        {
            var reader = new Utf8JsonReader(json);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                error = "not a JSON object";
                return false;
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals("data"u8))
                {
                    if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
                    {
                        error = "\"data\" is not an object";
                        return false;
                    }

                    continue; // a combined stream: the event's fields follow
                }

                if (reader.ValueTextEquals("e"u8))
                {
                    reader.Read();
                    type = reader.TokenType == JsonTokenType.String && reader.ValueTextEquals("depthUpdate"u8);
                }
                else if (reader.ValueTextEquals("U"u8))
                {
                    first = ReadId(ref reader);
                }
                else if (reader.ValueTextEquals("u"u8))
                {
                    final = ReadId(ref reader);
                }
                else if (reader.ValueTextEquals("pu"u8))
                {
                    previous = ReadId(ref reader);
                }
                else if (reader.ValueTextEquals("E"u8))
                {
                    time = ReadId(ref reader);
                }
                else if (reader.ValueTextEquals("b"u8) || reader.ValueTextEquals("a"u8))
                {
                    var bid = reader.ValueTextEquals("b"u8);
                    if (!TryReadLevels(ref reader, bid, levels, ref count, out error))
                    {
                        return false;
                    }
                }
                else
                {
                    reader.Read();
                    reader.TrySkip();
                }
            }
        }
        catch (JsonException e)
        {
            error = $"malformed JSON: {e.Message}";
            return false;
        }

        if (!type || first < 0 || final < first)
        {
            error = !type ? "not a depthUpdate event" : $"update ids U={first} u={final} are missing or out of order";
            return false;
        }

        update = new DepthUpdate(first, final, previous, time);
        return true;
    }

    /// <summary>Reads a REST snapshot (<c>GET /api/v3/depth</c>, <c>GET /fapi/v1/depth</c>).</summary>
    public static bool TryReadSnapshot(ReadOnlySpan<byte> json, Span<DepthLevel> levels, out long lastUpdateId, out int count, out string? error)
    {
        (lastUpdateId, count, error) = (-1, 0, null);
        try
        {
            var reader = new Utf8JsonReader(json);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                error = "not a JSON object";
                return false;
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals("lastUpdateId"u8))
                {
                    lastUpdateId = ReadId(ref reader);
                }
                else if (reader.ValueTextEquals("bids"u8) || reader.ValueTextEquals("asks"u8))
                {
                    var bid = reader.ValueTextEquals("bids"u8);
                    if (!TryReadLevels(ref reader, bid, levels, ref count, out error))
                    {
                        return false;
                    }
                }
                else
                {
                    reader.Read();
                    reader.TrySkip();
                }
            }
        }
        catch (JsonException e)
        {
            error = $"malformed JSON: {e.Message}";
            return false;
        }

        if (lastUpdateId < 0)
        {
            error = "no lastUpdateId";
            return false;
        }

        return true;
    }

    private static long ReadId(ref Utf8JsonReader reader) =>
        reader.Read() && reader.TokenType == JsonTokenType.Number && reader.TryGetInt64(out var value) && value >= 0 ? value : -1;

    /// <summary>An array of <c>["price","quantity"]</c> pairs.</summary>
    private static bool TryReadLevels(ref Utf8JsonReader reader, bool bid, Span<DepthLevel> levels, ref int count, out string? error)
    {
        error = null;
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartArray)
        {
            error = $"{(bid ? "bids" : "asks")} are not an array";
            return false;
        }

        while (reader.Read() && reader.TokenType == JsonTokenType.StartArray)
        {
            if (!JsonDecimal.TryRead(ref reader, out var price) || !JsonDecimal.TryRead(ref reader, out var quantity) || price <= 0 || quantity < 0
                || !reader.Read() || reader.TokenType != JsonTokenType.EndArray)
            {
                error = $"a {(bid ? "bid" : "ask")} level is not a positive price and a quantity as decimal strings";
                return false;
            }

            if (count == levels.Length)
            {
                error = $"more than {levels.Length} levels";
                return false;
            }

            levels[count++] = new DepthLevel(bid, price, quantity);
        }

        return reader.TokenType == JsonTokenType.EndArray || Fail(out error);
    }

    private static bool Fail(out string error)
    {
        error = "a level list is not an array of pairs";
        return false;
    }
}
