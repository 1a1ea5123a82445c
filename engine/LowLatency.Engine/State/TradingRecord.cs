using LowLatency.Engine.Execution;
using LowLatency.Engine.Portfolio;
using LowLatency.Engine.Risk;

namespace LowLatency.Engine.State;

/// <summary>
/// One state change of the trading core: journalled (<see cref="RecordCodec"/>) before it is applied, replayed
/// on restart, and the event stream listeners see. A flat union: which fields matter depends on <see cref="Type"/>.
/// </summary>
public struct TradingRecord
{
    public RecordType Type;
    public long Sequence;
    public long TimeMs;
    public long OrderId;
    public long CorrelationId;
    public int InstrumentId;
    public Side Side;
    public OrderType OrderType;
    public TimeInForce TimeInForce;
    public long QuantityLots;
    public long PriceTicks;
    public long StopTicks;
    public long StopLossTicks;
    public long TakeProfitTicks;
    public long ParentId;
    public long OcoId;
    public long ActiveAtMs;
    public int StrategyIndex;

    /// <summary>The data directory's incarnation an accepted order belongs to (<see cref="DataIncarnation"/>; its ClOrdIDs carry it).</summary>
    public int Incarnation;
    public bool ReduceOnly;
    public bool Flag;

    /// <summary>Fees (fills), or the day's opening balance (day roll), in the account currency.</summary>
    public decimal Amount;

    /// <summary>Quote-to-account currency rate used for a fill.</summary>
    public decimal Rate;

    /// <summary>A <see cref="RejectReason"/>, <see cref="CancelReason"/>, <see cref="StatusReason"/> or command type.</summary>
    public byte Reason;

    /// <summary>A <see cref="TradingStatus"/> (status changes), or the bid for marks.</summary>
    public byte Status;

    public long BidTicks;
    public long AskTicks;
}
