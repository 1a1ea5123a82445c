using System.Text.Json.Serialization;

namespace LowLatency.Bridge.Api.Contracts;

/// <summary>FE <c>TradingStatus.daily_stats</c>.</summary>
public sealed record DailyStatsDto(
    [property: JsonPropertyName("trades")] long Trades,
    [property: JsonPropertyName("wins")] long Wins,
    [property: JsonPropertyName("losses")] long Losses,
    [property: JsonPropertyName("pnl")] decimal Pnl,
    [property: JsonPropertyName("max_drawdown")] decimal MaxDrawdown);
