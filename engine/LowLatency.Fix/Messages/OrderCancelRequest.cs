using LowLatency.Fix.Session;
using LowLatency.Fix.Wire;

namespace LowLatency.Fix.Messages;

/// <summary>OrderCancelRequest (F): cancel the order first sent as <see cref="OrigClOrdId"/>, under a new ClOrdID.</summary>
public readonly record struct OrderCancelRequest(ClOrdId ClOrdId, ClOrdId OrigClOrdId, byte[] Symbol, byte Side, decimal Quantity, DateTime TransactTime)
    : IFixBody
{
    public void Write(FixWriter writer)
    {
        OrigClOrdId.WriteTo(writer, Tag.OrigClOrdId);
        ClOrdId.WriteTo(writer, Tag.ClOrdId);
        writer.Add(Tag.Symbol, Symbol)
        .Add(Tag.Side, [Side])
        .AddTimestamp(Tag.TransactTime, TransactTime)
            .Add(Tag.OrderQty, Quantity);
    }
}
