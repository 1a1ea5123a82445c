using System.Text.Json.Serialization;

namespace LowLatency.Bridge.Api.Contracts;

/// <summary>FE type <c>TradingStatus</c> (snake_case where the frontend uses it), plus the engine's own state words, where each instrument's prices come from, and which are stale; on a cluster bridge each shard's part too.</summary>
public sealed record TradingStatusDto(
    [property: JsonPropertyName("running")] bool Running,
    [property: JsonPropertyName("paused")] bool Paused,
    [property: JsonPropertyName("symbols")] IReadOnlyList<string> Symbols,
    [property: JsonPropertyName("active_trades")] int ActiveTrades,
    [property: JsonPropertyName("daily_stats")] DailyStatsDto DailyStats,
    [property: JsonPropertyName("paper_balance")] decimal PaperBalance,
    [property: JsonPropertyName("positions")] IReadOnlyList<PositionDto> Positions,
    [property: JsonPropertyName("timestamp")] string Timestamp,
    [property: JsonPropertyName("state")] string State,
    [property: JsonPropertyName("kill_switch")] bool KillSwitch,
    [property: JsonPropertyName("state_reason")] string StateReason,
    [property: JsonPropertyName("engine_sequence")] long EngineSequence,
    [property: JsonPropertyName("simulated_prices")] bool SimulatedPrices,
    [property: JsonPropertyName("price_sources")] IReadOnlyDictionary<string, string> PriceSources,
    [property: JsonPropertyName("stale_instruments")] IReadOnlyList<string> StaleInstruments,
    [property: JsonPropertyName("shards"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<ShardStatusDto>? Shards = null);
