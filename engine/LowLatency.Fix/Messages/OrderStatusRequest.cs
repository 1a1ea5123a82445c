using LowLatency.Fix.Session;
using LowLatency.Fix.Wire;

namespace LowLatency.Fix.Messages;

/// <summary>OrderStatusRequest (H): the venue answers with an ExecutionReport (ExecType I in 4.4) for the order, or rejects an unknown one.</summary>
public readonly record struct OrderStatusRequest(ClOrdId ClOrdId, byte[] Symbol, byte Side) : IFixBody
{
    public void Write(FixWriter writer)
    {
        ClOrdId.WriteTo(writer, Tag.ClOrdId);
        writer.Add(Tag.Symbol, Symbol).Add(Tag.Side, [Side]);
    }
}
