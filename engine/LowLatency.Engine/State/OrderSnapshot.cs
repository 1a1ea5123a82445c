namespace LowLatency.Engine.State;

/// <summary>A working order in a <see cref="StateSnapshot"/>.</summary>
public sealed record OrderSnapshot
{
    public long Id { get; init; }

    public long CorrelationId { get; init; }

    public string Symbol { get; init; } = "";

    public string Side { get; init; } = "";

    public string Type { get; init; } = "";

    public string TimeInForce { get; init; } = "";

    public string Status { get; init; } = "";

    public decimal Quantity { get; init; }

    public decimal FilledQuantity { get; init; }

    public decimal? LimitPrice { get; init; }

    public decimal? StopPrice { get; init; }

    public decimal? StopLoss { get; init; }

    public decimal? TakeProfit { get; init; }

    public long ParentId { get; init; }

    public long OcoId { get; init; }

    public bool ReduceOnly { get; init; }

    public bool Triggered { get; init; }

    public int StrategyIndex { get; init; }

    public long CreatedMs { get; init; }

    public long UpdatedMs { get; init; }

    public long QuantityLots { get; init; }

    public long FilledLots { get; init; }

    public long LimitTicks { get; init; }

    public long StopTicks { get; init; }

    public long StopLossTicks { get; init; }

    public long TakeProfitTicks { get; init; }

    public decimal FilledNotionalTicks { get; init; }

    /// <summary>When the venue starts working it (creation plus simulated latency).</summary>
    public long ActiveAtMs { get; init; }

    /// <summary>It met a quote it could not fill and rests: later fills are at its price, as maker.</summary>
    public bool Rested { get; init; }

    /// <summary>Why it was rejected (<c>none</c> otherwise).</summary>
    public string RejectReason { get; init; } = "none";

    /// <summary>The sequence of the record that finished it; 0 while working.</summary>
    public long FinishedSequence { get; init; }

    /// <summary>The data directory's incarnation it was accepted in (its ClOrdIDs carry it).</summary>
    public int Incarnation { get; init; }

    /// <summary>A real venue works it: cancels and replaces wait for the venue's answer.</summary>
    public bool AtRemoteVenue { get; init; }

    /// <summary>The quantity a replace in flight asks for, in lots; 0 when none.</summary>
    public long PendingQuantityLots { get; init; }

    /// <summary>Why the cancel in flight was asked (<c>user</c> when none is).</summary>
    public string PendingCancelReason { get; init; } = "user";
}
