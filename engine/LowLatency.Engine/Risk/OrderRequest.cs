using LowLatency.Engine.Execution;
using LowLatency.Engine.Portfolio;

namespace LowLatency.Engine.Risk;

/// <summary>An order someone wants: what the risk checks judge and routing turns into an <see cref="Order"/>.</summary>
public struct OrderRequest
{
    public long CorrelationId;
    public int InstrumentId;
    public Side Side;
    public OrderType Type;
    public TimeInForce TimeInForce;
    public long QuantityLots;
    public long LimitTicks;
    public long StopTicks;
    public long StopLossTicks;
    public long TakeProfitTicks;
    public bool ReduceOnly;
    public int StrategyIndex;

    /// <summary>Set by the risk stage: <see cref="RejectReason.None"/> when the order may go out.</summary>
    public RejectReason Verdict;
}
