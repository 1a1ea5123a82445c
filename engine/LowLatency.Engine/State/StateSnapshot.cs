namespace LowLatency.Engine.State;

/// <summary>
/// The trading state as JSON: what <c>./run.sh state</c> prints and what a snapshot file holds. Exact values
/// (lots, ticks, decimal cost bases) sit beside the human ones so a snapshot restores the state bit for bit.
/// </summary>
public sealed record StateSnapshot
{
    public int Version { get; init; } = 1;

    public long LastSequence { get; init; }

    public string TradingState { get; init; } = "stopped";

    public string StatusReason { get; init; } = "command";

    public bool KillSwitch { get; init; }

    public string Currency { get; init; } = "USD";

    public decimal Balance { get; init; }

    public decimal PeakBalance { get; init; }

    public double Equity { get; init; }

    public double UnrealizedPnl { get; init; }

    public long LastOrderId { get; init; }

    /// <summary>The incarnation of the journal's first order (0: none, or before incarnations).</summary>
    public int FirstIncarnation { get; init; }

    public long CommandsReceived { get; init; }

    public long OrdersRejected { get; init; }

    public long Fills { get; init; }

    /// <summary>The risk budget a cluster coordinator gave the shard; null: none, the configured limits.</summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public Risk.RiskBudget? RiskBudget { get; init; }

    public DailySnapshot Today { get; init; } = new();

    public IReadOnlyList<PositionSnapshot> Positions { get; init; } = [];

    public IReadOnlyList<OrderSnapshot> WorkingOrders { get; init; } = [];

    public IReadOnlyList<MarkSnapshot> Marks { get; init; } = [];

    /// <summary>
    /// Recently finished orders, oldest first: in snapshot files those the core remembered (so a restarted engine
    /// remembers them too), in link snapshots those finished after the sequence the bridge last saw, so a bridge
    /// that was away learns their final status. Not part of <see cref="TradingCore.Capture"/>.
    /// </summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<OrderSnapshot>? RecentlyFinished { get; init; }
}
