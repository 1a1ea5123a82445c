using System.Text.Json;

namespace LowLatency.Binance;

/// <summary>Reads <c>GET /fapi/v2/positionRisk</c>; read at each connection, never on the trading thread.</summary>
public static class PositionRiskReader
{
    /// <summary>The one-way rows (<c>positionSide</c> BOTH) by symbol; null when the answer is not a list of positions.</summary>
    public static IReadOnlyDictionary<string, BinancePosition>? Read(string json)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            var rows = new Dictionary<string, BinancePosition>(StringComparer.Ordinal);
            foreach (var row in document.RootElement.EnumerateArray())
            {
                if (row.TryGetProperty("positionSide", out var side) && side.GetString() is not (null or "BOTH"))
                {
                    continue; // hedge mode's legs: not a mode the venue trades
                }

                var symbol = row.GetProperty("symbol").GetString()!;
                rows[symbol] = new BinancePosition(symbol, JsonDecimal.Read(row.GetProperty("positionAmt")), D(row, "entryPrice"), D(row, "markPrice"), D(row, "unRealizedProfit"),
                    row.TryGetProperty("leverage", out var l) ? l.GetString() ?? "" : "", row.TryGetProperty("marginType", out var m) ? m.GetString() ?? "" : "");
            }

            return rows;
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or FormatException or OverflowException)
        {
            return null;
        }
    }

    /// <summary>A field the venue only shows; the position amount itself must be there.</summary>
    private static decimal D(JsonElement row, string name) => row.TryGetProperty(name, out var value) ? JsonDecimal.Read(value) : 0;
}
