namespace LowLatency.Engine.State;

/// <summary>The kinds of journal record: each is a state change of the trading core, replayed in order on restart.</summary>
public enum RecordType : byte
{
    None,

    /// <summary>A command as received (audit; its effects follow as their own records).</summary>
    Command,
    OrderAccepted,
    OrderRejected,
    Fill,
    OrderCancelled,
    OrderExpired,

    /// <summary>A working order's quantity changed (bracket children grow with their parent's fills, OCO siblings shrink).</summary>
    OrderQuantityChanged,

    /// <summary>A stop order triggered.</summary>
    OrderTriggered,
    StatusChanged,
    DayRolled,

    /// <summary>A quote (journalled only when ticks are configured to be).</summary>
    Mark,

    /// <summary>A limit order met a quote it could not fill and now rests: it fills at its own price (maker) from then on.</summary>
    OrderRested,

    /// <summary>A real venue acknowledged an order (pending new → accepted).</summary>
    OrderAcknowledged,

    /// <summary>A cancel asked of a real venue (the order is pending cancel until the venue's answer; its reason rides along).</summary>
    OrderCancelRequested,

    /// <summary>The venue refused a cancel and still works the order: the pending cancel clears.</summary>
    OrderCancelRejected,

    /// <summary>A new quantity asked of a real venue (pending replace until the venue's answer; <see cref="OrderQuantityChanged"/> confirms it).</summary>
    OrderReplaceRequested,

    /// <summary>The venue refused a replace: the order keeps the quantity it had.</summary>
    OrderReplaceRejected,

    /// <summary>The shard's risk budget changed (<see cref="Risk.RiskBudget.FromRecord"/>): a coordinator's fence or move.</summary>
    RiskBudgetChanged,
}
