namespace LowLatency.Engine.Host.Venues;

internal enum IntentKind : byte
{
    New,
    Cancel,

    /// <summary>The order's quantity changed in the engine (the intent carries the new one).</summary>
    Replace,

    /// <summary>Send what the order waits for (an answer came, or the session is back).</summary>
    Pump,

    /// <summary>The venue asked for the working order's NewOrderSingle again, too old to send: gap-filled; reported not sent, and cancelled there.</summary>
    NotResentNew,

    /// <summary>The venue asked again for the NewOrderSingle of an order the engine finished: gap-filled, and cancelled there.</summary>
    NotResentFinished,
}
