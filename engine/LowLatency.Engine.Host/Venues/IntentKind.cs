namespace LowLatency.Engine.Host.Venues;

internal enum IntentKind : byte
{
    New,
    Cancel,

    /// <summary>The order's quantity changed in the engine (the intent carries the new one).</summary>
    Replace,

    /// <summary>Send what the order waits for (an answer came, or the session is back).</summary>
    Pump,

    /// <summary>The venue asked for the order's NewOrderSingle again, too old to send: gap-filled, so the order never reached it.</summary>
    NotResentNew,

    /// <summary>The venue asked for the order's replace again, too old to send: gap-filled, so the replace is refused.</summary>
    NotResentReplace,
}
