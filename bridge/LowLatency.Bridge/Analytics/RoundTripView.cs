using System.Text.Json.Serialization;

namespace LowLatency.Bridge.Analytics;

/// <summary>
/// One closed trade of a backtest (<see cref="LowLatency.Engine.Portfolio.RoundTrip"/>), field names as the frontend
/// reads them. <see cref="Pnl"/> is net of every fee of the trade (<see cref="Fees"/>: its share of the entry fills'
/// fees and of the exit fill's).
/// </summary>
public sealed record RoundTripView(
    [property: JsonPropertyName("symbol")] string Symbol,
    [property: JsonPropertyName("side")] string Side,
    [property: JsonPropertyName("entry_date")] string EntryDate,
    [property: JsonPropertyName("exit_date")] string ExitDate,
    [property: JsonPropertyName("entry_price")] decimal EntryPrice,
    [property: JsonPropertyName("exit_price")] decimal ExitPrice,
    [property: JsonPropertyName("quantity")] decimal Quantity,
    [property: JsonPropertyName("pnl")] decimal Pnl,
    [property: JsonPropertyName("return_pct")] decimal ReturnPct,
    [property: JsonPropertyName("fees")] decimal Fees)
{
    public static RoundTripView From(LowLatency.Engine.Portfolio.RoundTrip trip, string symbol) => new(
        symbol, trip.Long ? "BUY" : "SELL", Day(trip.EntryTimeMs), Day(trip.ExitTimeMs), trip.EntryPrice, trip.ExitPrice, trip.Quantity,
        decimal.Round(trip.Pnl, 2), decimal.Round(trip.ReturnPercent, 4), decimal.Round(trip.Fees, 2));

    private static string Day(long timeMs) => DateTimeOffset.FromUnixTimeMilliseconds(timeMs).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
}
