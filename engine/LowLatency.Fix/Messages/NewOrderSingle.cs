using LowLatency.Fix.Session;
using LowLatency.Fix.Wire;

namespace LowLatency.Fix.Messages;

/// <summary>NewOrderSingle (D): market, limit, stop or stop-limit, with a TimeInForce. Valid in FIX 4.2 and 4.4.</summary>
public readonly record struct NewOrderSingle(ClOrdId ClOrdId, byte[] Symbol, byte Side, decimal Quantity, byte OrdType, decimal Price, decimal StopPx, byte TimeInForce, DateTime TransactTime)
    : IFixBody
{
    public void Write(FixWriter writer)
    {
        writer.Add(Tag.ClOrdId, ClOrdId.Prefix, ClOrdId.Number)
            .Add(Tag.HandlInst, "1"u8) // automated, no broker intervention
            .Add(Tag.Symbol, Symbol)
            .Add(Tag.Side, [Side])
            .AddTimestamp(Tag.TransactTime, TransactTime)
            .Add(Tag.OrderQty, Quantity)
            .Add(Tag.OrdType, [OrdType]);
        if (OrdType is FixCodes.OrdTypeLimit or FixCodes.OrdTypeStopLimit)
        {
            writer.Add(Tag.Price, Price);
        }

        if (OrdType is FixCodes.OrdTypeStop or FixCodes.OrdTypeStopLimit)
        {
            writer.Add(Tag.StopPx, StopPx);
        }

        writer.Add(Tag.TimeInForce, [TimeInForce]);
    }
}
