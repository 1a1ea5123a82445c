using System.Text.Json;

namespace LowLatency.Binance;

/// <summary>
/// Reads klines: the REST answer (<c>GET /api/v3/klines</c>, <c>/fapi/v1/klines</c>: an array of twelve-field arrays,
/// prices as strings) and the <c>&lt;symbol&gt;@kline_&lt;interval&gt;</c> stream event (bare or inside a combined
/// stream's <c>data</c>). Klines arrive once a minute per instrument, off the trading thread, so they are read as
/// documents; anything malformed is refused with the reason, never an exception.
/// </summary>
public static class KlineReader
{
    /// <summary>The klines of a REST answer, oldest first (every one of them closed, as of <paramref name="nowMs"/>); null and <paramref name="why"/> when it is not a kline list.</summary>
    public static IReadOnlyList<BinanceKline>? ReadRest(string json, long nowMs, out string? why)
    {
        why = null;
        try
        {
            using var document = JsonDocument.Parse(json);
            if (document.RootElement.ValueKind != JsonValueKind.Array)
            {
                why = "not a list of klines";
                return null;
            }

            var klines = new List<BinanceKline>(document.RootElement.GetArrayLength());
            foreach (var row in document.RootElement.EnumerateArray())
            {
                if (row.ValueKind != JsonValueKind.Array || row.GetArrayLength() < 7)
                {
                    why = $"kline {klines.Count}: not an array of at least 7 fields";
                    return null;
                }

                var closeTime = row[6].GetInt64();
                klines.Add(new BinanceKline(row[0].GetInt64(), closeTime, Decimal(row[1]), Decimal(row[2]), Decimal(row[3]), Decimal(row[4]), Decimal(row[5]), closeTime < nowMs));
            }

            klines.Sort((a, b) => a.OpenTimeMs.CompareTo(b.OpenTimeMs));
            return klines;
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or FormatException or OverflowException or IndexOutOfRangeException)
        {
            why = $"unreadable klines: {e.Message}";
            return null;
        }
    }

    /// <summary>A kline stream event's symbol and kline; false and <paramref name="why"/> when it is not one.</summary>
    public static bool TryReadEvent(ReadOnlySpan<byte> json, out string symbol, out BinanceKline kline, out string? why)
    {
        (symbol, kline, why) = ("", default, null);
        try
        {
            using var document = JsonDocument.Parse(json.ToArray());
            var root = document.RootElement;
            if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("data", out var data))
            {
                root = data;
            }

            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("e", out var type) || type.GetString() != "kline")
            {
                why = "not a kline event";
                return false;
            }

            var k = root.GetProperty("k");
            symbol = k.GetProperty("s").GetString()!;
            kline = new BinanceKline(k.GetProperty("t").GetInt64(), k.GetProperty("T").GetInt64(), Decimal(k.GetProperty("o")), Decimal(k.GetProperty("h")),
                Decimal(k.GetProperty("l")), Decimal(k.GetProperty("c")), Decimal(k.GetProperty("v")), k.GetProperty("x").GetBoolean());
            return true;
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or FormatException or OverflowException)
        {
            (symbol, kline, why) = ("", default, $"unreadable kline event: {e.Message}");
            return false;
        }
    }

    private static decimal Decimal(JsonElement e) => JsonDecimal.Read(e);
}
