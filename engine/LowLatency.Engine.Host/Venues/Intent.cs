using LowLatency.Engine.Execution;
using LowLatency.Engine.Portfolio;

namespace LowLatency.Engine.Host.Venues;

/// <summary>What the trading thread asks the venue's sender thread to do with one order: a copy, so no thread shares the order object.</summary>
internal struct Intent
{
    public IntentKind Kind;
    public long OrderId;
    public int Incarnation;
    public int InstrumentId;
    public Side Side;
    public OrderType Type;
    public TimeInForce TimeInForce;
    public long QuantityLots;
    public long LimitTicks;
    public long StopTicks;

    /// <summary>An exit (a bracket's, a strategy's close): it may only shrink the position.</summary>
    public bool ReduceOnly;

    public static Intent From(Order order, IntentKind kind) => new()
    {
        Kind = kind, OrderId = order.Id, Incarnation = order.Incarnation, InstrumentId = order.InstrumentId, Side = order.Side, Type = order.Type, TimeInForce = order.TimeInForce,
        QuantityLots = kind == IntentKind.Replace ? order.IntendedLots : order.QuantityLots, LimitTicks = order.LimitTicks, StopTicks = order.StopTicks, ReduceOnly = order.ReduceOnly,
    };
}
