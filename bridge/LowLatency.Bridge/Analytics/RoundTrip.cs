using System.Text.Json.Serialization;

namespace LowLatency.Bridge.Analytics;

/// <summary>
/// One closed trade of a backtest, field names as the frontend reads them. <see cref="Pnl"/> is net of every fee
/// of the trade (<see cref="Fees"/>: its share of the entry fills' fees and of the exit fill's).
/// </summary>
public sealed record RoundTrip(
    [property: JsonPropertyName("symbol")] string Symbol,
    [property: JsonPropertyName("side")] string Side,
    [property: JsonPropertyName("entry_date")] string EntryDate,
    [property: JsonPropertyName("exit_date")] string ExitDate,
    [property: JsonPropertyName("entry_price")] decimal EntryPrice,
    [property: JsonPropertyName("exit_price")] decimal ExitPrice,
    [property: JsonPropertyName("quantity")] decimal Quantity,
    [property: JsonPropertyName("pnl")] decimal Pnl,
    [property: JsonPropertyName("return_pct")] decimal ReturnPct,
    [property: JsonPropertyName("fees")] decimal Fees);
