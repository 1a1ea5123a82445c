namespace LowLatency.Engine.Host.Venues;

/// <summary>
/// One version of our order at Binance. A replace there is a cancel-replace: a new exchange order under the next
/// client id, whose executed quantity starts again at zero, so each version carries what its predecessors had
/// filled (<see cref="BaseLots"/>) and the engine's cumulative is that plus the version's own.
/// </summary>
internal sealed class BinanceLeg(int version)
{
    public int Version { get; } = version;

    /// <summary>Binance's order id (0 until an answer names it).</summary>
    public long ExchangeOrderId { get; set; }

    /// <summary>Lots the earlier versions filled.</summary>
    public long BaseLots { get; set; }
}
