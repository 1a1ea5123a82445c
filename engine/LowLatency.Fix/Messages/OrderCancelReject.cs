using LowLatency.Fix.Wire;

namespace LowLatency.Fix.Messages;

/// <summary>OrderCancelReject (9): a cancel (CxlRejResponseTo 1) or cancel/replace (2) the venue refused; the order stands as it was.</summary>
public readonly ref struct OrderCancelReject
{
    public ReadOnlySpan<byte> ClOrdId { get; init; }

    public ReadOnlySpan<byte> OrigClOrdId { get; init; }

    public ReadOnlySpan<byte> Text { get; init; }

    public byte OrdStatus { get; init; }

    public bool ToReplace { get; init; }

    public static OrderCancelReject Read(in FixMessageView message)
    {
        message.TryGet(Tag.ClOrdId, out var clOrdId);
        message.TryGet(Tag.OrigClOrdId, out var orig);
        message.TryGet(Tag.Text, out var text);
        message.TryGet(Tag.OrdStatus, out var status);
        return new OrderCancelReject
        {
            ClOrdId = clOrdId, OrigClOrdId = orig, Text = text, OrdStatus = status.Length == 1 ? status[0] : (byte)0,
            ToReplace = message.Is(Tag.CxlRejResponseTo, "2"u8),
        };
    }
}
