using LowLatency.Fix.Session;
using LowLatency.Fix.Wire;

namespace LowLatency.Fix.Messages;

/// <summary>OrderCancelReplaceRequest (G): a new quantity and price for a working limit order.</summary>
public readonly record struct OrderCancelReplaceRequest(ClOrdId ClOrdId, ClOrdId OrigClOrdId, byte[] Symbol, byte Side, decimal Quantity, byte OrdType, decimal Price, byte TimeInForce, DateTime TransactTime)
    : IFixBody
{
    public void Write(FixWriter writer)
    {
        writer.Add(Tag.OrigClOrdId, OrigClOrdId.Prefix, OrigClOrdId.Number)
            .Add(Tag.ClOrdId, ClOrdId.Prefix, ClOrdId.Number)
            .Add(Tag.HandlInst, "1"u8)
            .Add(Tag.Symbol, Symbol)
            .Add(Tag.Side, [Side])
            .AddTimestamp(Tag.TransactTime, TransactTime)
            .Add(Tag.OrderQty, Quantity)
            .Add(Tag.OrdType, [OrdType]);
        if (OrdType is FixCodes.OrdTypeLimit or FixCodes.OrdTypeStopLimit)
        {
            writer.Add(Tag.Price, Price);
        }

        writer.Add(Tag.TimeInForce, [TimeInForce]);
    }
}
