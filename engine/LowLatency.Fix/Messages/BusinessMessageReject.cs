using LowLatency.Fix.Wire;

namespace LowLatency.Fix.Messages;

/// <summary>BusinessMessageReject (j): an application message the venue could not handle (unsupported type, unknown id …).</summary>
public readonly ref struct BusinessMessageReject
{
    public long RefSeqNum { get; init; }

    public ReadOnlySpan<byte> RefMsgType { get; init; }

    public ReadOnlySpan<byte> RefId { get; init; }

    public long Reason { get; init; }

    public ReadOnlySpan<byte> Text { get; init; }

    public static BusinessMessageReject Read(in FixMessageView message)
    {
        message.TryGetLong(Tag.RefSeqNum, out var refSeq);
        message.TryGet(Tag.RefMsgType, out var refType);
        message.TryGet(Tag.BusinessRejectRefId, out var refId);
        message.TryGetLong(Tag.BusinessRejectReason, out var reason);
        message.TryGet(Tag.Text, out var text);
        return new BusinessMessageReject { RefSeqNum = refSeq, RefMsgType = refType, RefId = refId, Reason = reason, Text = text };
    }
}
