using LowLatency.Fix.Session;
using LowLatency.Fix.Wire;

namespace LowLatency.Fix.Messages;

/// <summary>
/// OrderCancelReplaceRequest (G): a new quantity (and prices) for a working order, under a new ClOrdID; the order
/// keeps its type, side and TimeInForce. <see cref="OrigClOrdId"/> is the order's current ClOrdID at the venue.
/// </summary>
public readonly record struct OrderCancelReplaceRequest(ClOrdId ClOrdId, ClOrdId OrigClOrdId, byte[] Symbol, byte Side, decimal Quantity, byte OrdType, decimal Price, decimal StopPx, byte TimeInForce, DateTime TransactTime)
    : IFixBody
{
    public void Write(FixWriter writer)
    {
        OrigClOrdId.WriteTo(writer, Tag.OrigClOrdId);
        NewOrderSingle.WriteOrder(writer, ClOrdId, Symbol, Side, Quantity, OrdType, Price, StopPx, TimeInForce, TransactTime);
    }
}
