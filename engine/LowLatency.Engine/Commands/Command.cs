using LowLatency.Engine.Execution;
using LowLatency.Engine.Portfolio;

namespace LowLatency.Engine.Commands;

/// <summary>An operator or API command; it enters the ring like a tick, so the trading thread alone acts on it.</summary>
public struct Command
{
    public CommandType Type;

    /// <summary>The caller's id, echoed in the <see cref="CommandResult"/> and on orders it creates.</summary>
    public long CorrelationId;
    public int InstrumentId;
    public Side Side;
    public OrderType OrderType;
    public TimeInForce TimeInForce;
    public long QuantityLots;
    public long LimitTicks;
    public long StopTicks;
    public long StopLossTicks;
    public long TakeProfitTicks;

    /// <summary>The order to cancel.</summary>
    public long OrderId;

    /// <summary>A risk budget's drawdown slice (<see cref="CommandType.SetRiskBudget"/> alone carries one).</summary>
    public long MaxDrawdown;

    /// <summary>Emergency stop: also close every position at market.</summary>
    public bool Flatten;
}
