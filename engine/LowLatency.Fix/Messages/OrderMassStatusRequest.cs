using LowLatency.Fix.Session;
using LowLatency.Fix.Wire;

namespace LowLatency.Fix.Messages;

/// <summary>OrderMassStatusRequest (AF, FIX 4.4): every open order of the session, one ExecutionReport each.</summary>
public readonly record struct OrderMassStatusRequest(string RequestId) : IFixBody
{
    public void Write(FixWriter writer) => writer
        .Add(Tag.MassStatusReqId, RequestId)
        .Add(Tag.MassStatusReqType, 7); // all orders
}
