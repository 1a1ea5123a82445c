using System.Text.Json.Serialization;

namespace LowLatency.Bridge.Api.Contracts;

/// <summary>One shard's part of a cluster bridge's <see cref="TradingStatusDto"/>: its trading state, balance and day, as the read side has them at <see cref="EngineSequence"/> (state <c>unknown</c> before the read side has any).</summary>
public sealed record ShardStatusDto(
    [property: JsonPropertyName("shard")] string Shard,
    [property: JsonPropertyName("state")] string State,
    [property: JsonPropertyName("kill_switch")] bool KillSwitch,
    [property: JsonPropertyName("state_reason")] string StateReason,
    [property: JsonPropertyName("engine_sequence")] long EngineSequence,
    [property: JsonPropertyName("paper_balance")] decimal PaperBalance,
    [property: JsonPropertyName("daily_stats")] DailyStatsDto DailyStats);
