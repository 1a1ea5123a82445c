using LowLatency.Fix.Session;
using LowLatency.Fix.Wire;

namespace LowLatency.Fix.Messages;

/// <summary>NewOrderSingle (D): market, limit, stop or stop-limit, with a TimeInForce. Valid in FIX 4.2 and 4.4.</summary>
public readonly record struct NewOrderSingle(ClOrdId ClOrdId, byte[] Symbol, byte Side, decimal Quantity, byte OrdType, decimal Price, decimal StopPx, byte TimeInForce, DateTime TransactTime)
    : IFixBody
{
    public void Write(FixWriter writer) => WriteOrder(writer, ClOrdId, Symbol, Side, Quantity, OrdType, Price, StopPx, TimeInForce, TransactTime);

    /// <summary>The order's fields, shared by NewOrderSingle and OrderCancelReplaceRequest (which writes OrigClOrdID first).</summary>
    internal static void WriteOrder(FixWriter writer, ClOrdId clOrdId, byte[] symbol, byte side, decimal quantity, byte ordType, decimal price, decimal stopPx, byte timeInForce, DateTime transactTime)
    {
        clOrdId.WriteTo(writer, Tag.ClOrdId);
        writer.Add(Tag.HandlInst, "1"u8) // automated, no broker intervention
            .Add(Tag.Symbol, symbol)
            .Add(Tag.Side, [side])
            .AddTimestamp(Tag.TransactTime, transactTime)
            .Add(Tag.OrderQty, quantity)
            .Add(Tag.OrdType, [ordType]);
        if (ordType is FixCodes.OrdTypeLimit or FixCodes.OrdTypeStopLimit)
        {
            writer.Add(Tag.Price, price);
        }

        if (ordType is FixCodes.OrdTypeStop or FixCodes.OrdTypeStopLimit)
        {
            writer.Add(Tag.StopPx, stopPx);
        }

        writer.Add(Tag.TimeInForce, [timeInForce]);
    }
}
