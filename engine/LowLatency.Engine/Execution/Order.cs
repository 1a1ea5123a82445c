using LowLatency.Engine.Portfolio;
using LowLatency.Engine.Risk;

namespace LowLatency.Engine.Execution;

/// <summary>
/// An order of record. Instances are pooled by the <see cref="OrderBook"/> and mutated only on the trading
/// thread; prices are whole ticks, quantities whole lots.
/// </summary>
public sealed class Order
{
    public long Id { get; internal set; }

    /// <summary>The data directory's incarnation it was accepted in (0 before incarnations): with <see cref="Id"/>, what names it at a venue.</summary>
    public int Incarnation { get; internal set; }

    /// <summary>The caller's id (command correlation id), or 0 for orders the engine created.</summary>
    public long CorrelationId { get; internal set; }

    public int InstrumentId { get; internal set; }

    public Side Side { get; internal set; }

    public OrderType Type { get; internal set; }

    public TimeInForce TimeInForce { get; internal set; }

    public OrderStatus Status { get; internal set; }

    public long QuantityLots { get; internal set; }

    public long FilledLots { get; internal set; }

    /// <summary>Limit price (limit and stop-limit orders), else 0.</summary>
    public long LimitTicks { get; internal set; }

    /// <summary>Trigger price (stop and stop-limit orders), else 0.</summary>
    public long StopTicks { get; internal set; }

    /// <summary>Bracket stop-loss price for the position this order opens, 0 for none.</summary>
    public long StopLossTicks { get; internal set; }

    /// <summary>Bracket take-profit price for the position this order opens, 0 for none.</summary>
    public long TakeProfitTicks { get; internal set; }

    /// <summary>The bracket parent of a stop-loss / take-profit child, else 0.</summary>
    public long ParentId { get; internal set; }

    /// <summary>The other half of a one-cancels-other pair, else 0.</summary>
    public long OcoId { get; internal set; }

    /// <summary>Only reduces a position (closing orders, bracket children).</summary>
    public bool ReduceOnly { get; internal set; }

    /// <summary>A stop has been triggered (it now works as a market or limit order).</summary>
    public bool Triggered { get; internal set; }

    /// <summary>The strategy that created it (index in the configured list), or −1 for manual orders.</summary>
    public int StrategyIndex { get; internal set; }

    public long CreatedMs { get; internal set; }

    /// <summary>When the venue sees it (created + simulated latency).</summary>
    public long ActiveAtMs { get; internal set; }

    /// <summary>Σ price·lots of its fills, for the average fill price.</summary>
    public decimal FilledNotionalTicks { get; internal set; }

    public long UpdatedMs { get; internal set; }

    /// <summary>Why the order was rejected (<see cref="RejectReason.None"/> otherwise).</summary>
    public RejectReason RejectReason { get; internal set; }

    /// <summary>The venue saw it on a quote and could not fill it then: later fills add liquidity (maker fees).</summary>
    internal bool Rested { get; set; }

    /// <summary>The sequence of the record that finished it (filled, cancelled, expired, rejected); 0 while working.</summary>
    public long FinishedSequence { get; internal set; }

    /// <summary>
    /// A real venue works it: a cancel or a change of quantity is a request that takes effect on the venue's
    /// answer (the pending states), not a decision the engine applies at once as the paper exchange's.
    /// </summary>
    public bool AtRemoteVenue { get; internal set; }

    /// <summary>The quantity a replace in flight asks for; 0 when none.</summary>
    public long PendingQuantityLots { get; internal set; }

    /// <summary>Why the cancel in flight was asked (what the order finishes with when the venue confirms it).</summary>
    public CancelReason PendingCancelReason { get; internal set; }

    public long RemainingLots => QuantityLots - FilledLots;

    /// <summary>The quantity the engine wants: a replace's in flight, else the order's.</summary>
    public long IntendedLots => PendingQuantityLots != 0 ? PendingQuantityLots : QuantityLots;

    public bool IsWorking => Status.IsWorking();

    /// <summary>A cancel is in flight (the order finishes only on the venue's word).</summary>
    public bool CancelPending => Status == OrderStatus.PendingCancel;

    public decimal AverageFillTicks => FilledLots == 0 ? 0 : FilledNotionalTicks / FilledLots;

    /// <summary>Working with nothing asked of the venue: what a pending state returns to once answered.</summary>
    internal OrderStatus Resting => FilledLots > 0 ? OrderStatus.PartiallyFilled : OrderStatus.Accepted;

    internal void Reset()
    {
        Id = CorrelationId = QuantityLots = FilledLots = LimitTicks = StopTicks = StopLossTicks = TakeProfitTicks = 0;
        ParentId = OcoId = CreatedMs = ActiveAtMs = UpdatedMs = FinishedSequence = PendingQuantityLots = 0;
        InstrumentId = Incarnation = 0;
        StrategyIndex = -1;
        Side = Side.Buy;
        Type = OrderType.Market;
        TimeInForce = TimeInForce.Gtc;
        Status = OrderStatus.New;
        ReduceOnly = Triggered = Rested = AtRemoteVenue = false;
        PendingCancelReason = CancelReason.User;
        FilledNotionalTicks = 0;
        RejectReason = RejectReason.None;
    }
}
