using System.Text.Json.Serialization;

namespace LowLatency.Engine.State;

/// <summary>The last quote of an instrument in a <see cref="StateSnapshot"/>, and on a cluster's mark board.</summary>
public sealed record MarkSnapshot
{
    public string Symbol { get; init; } = "";

    public long BidTicks { get; init; }

    public long AskTicks { get; init; }

    public long TimeMs { get; init; }

    /// <summary>On the mark board: where the owning shard's prices come from (<c>PriceSources</c>); absent in snapshots.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Source { get; init; }

    /// <summary>On the mark board: whether the owning shard's risk checks hold the instrument's prices stale; absent in snapshots.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public bool Stale { get; init; }
}
