using System.Text.Json.Serialization;

namespace LowLatency.Bridge.Agent;

/// <summary>A trade proposal as the agent monitor shows it (snake_case, as the frontend reads it).</summary>
public sealed record Proposal(
    [property: JsonPropertyName("proposal_id")] string ProposalId,
    [property: JsonPropertyName("symbol")] string Symbol,
    [property: JsonPropertyName("direction")] string Direction,
    [property: JsonPropertyName("entry_price")] double EntryPrice,
    [property: JsonPropertyName("stop_loss")] double StopLoss,
    [property: JsonPropertyName("take_profit")] double TakeProfit,
    [property: JsonPropertyName("overall_confidence")] double OverallConfidence,
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("gate_results")] IReadOnlyDictionary<string, GateResult> GateResults,
    [property: JsonPropertyName("ai_reasoning")] string Reasoning,
    [property: JsonPropertyName("timestamp")] string Timestamp)
{
    [JsonIgnore]
    public int InstrumentId { get; init; }

    [JsonIgnore]
    public bool AllGatesPassed => GateResults.Values.All(g => g.Passed);
}
