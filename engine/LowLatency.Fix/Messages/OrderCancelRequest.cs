using LowLatency.Fix.Session;
using LowLatency.Fix.Wire;

namespace LowLatency.Fix.Messages;

/// <summary>OrderCancelRequest (F): cancel the order first sent as <see cref="OrigClOrdId"/>, under a new ClOrdID.</summary>
public readonly record struct OrderCancelRequest(ClOrdId ClOrdId, ClOrdId OrigClOrdId, byte[] Symbol, byte Side, decimal Quantity, DateTime TransactTime)
    : IFixBody
{
    public void Write(FixWriter writer) => writer
        .Add(Tag.OrigClOrdId, OrigClOrdId.Prefix, OrigClOrdId.Number)
        .Add(Tag.ClOrdId, ClOrdId.Prefix, ClOrdId.Number)
        .Add(Tag.Symbol, Symbol)
        .Add(Tag.Side, [Side])
        .AddTimestamp(Tag.TransactTime, TransactTime)
        .Add(Tag.OrderQty, Quantity);
}
