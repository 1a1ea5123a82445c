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
}
