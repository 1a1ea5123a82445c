using LowLatency.Fix.Session;
using LowLatency.Fix.Wire;

namespace LowLatency.Fix.Messages;

/// <summary>OrderCancelReplaceRequest (G): a new quantity and price for a working limit order.</summary>
public readonly record struct OrderCancelReplaceRequest(ClOrdId ClOrdId, ClOrdId OrigClOrdId, byte[] Symbol, byte Side, decimal Quantity, byte OrdType, decimal Price, byte TimeInForce, DateTime TransactTime)
    : IFixBody
{
    public void Write(FixWriter writer)
    {
        writer.Add(Tag.OrigClOrdId, OrigClOrdId.Prefix, OrigClOrdId.Number);
        NewOrderSingle.WriteOrder(writer, ClOrdId, Symbol, Side, Quantity, OrdType, Price, 0, TimeInForce, TransactTime);
    }
}
