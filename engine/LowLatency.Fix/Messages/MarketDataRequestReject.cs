using LowLatency.Fix.Wire;

namespace LowLatency.Fix.Messages;

/// <summary>MarketDataRequestReject (Y): the venue refused a MarketDataRequest, with a reason code (281) and perhaps a text.</summary>
public readonly ref struct MarketDataRequestReject
{
    public ReadOnlySpan<byte> MdReqId { get; init; }

    /// <summary>MDReqRejReason, or 0 when the venue gave none.</summary>
    public byte Reason { get; init; }

    public ReadOnlySpan<byte> Text { get; init; }

    public static MarketDataRequestReject Read(in FixMessageView message)
    {
        message.TryGet(Tag.MdReqId, out var id);
        message.TryGet(Tag.MdReqRejReason, out var reason);
        message.TryGet(Tag.Text, out var text);
        return new MarketDataRequestReject { MdReqId = id, Reason = reason.Length == 1 ? reason[0] : (byte)0, Text = text };
    }

    /// <summary>What a MDReqRejReason code means (FIX 4.4's list; 4.2 defines 0–6).</summary>
    public static string Describe(byte reason) => reason switch
    {
        (byte)'0' => "unknown symbol",
        (byte)'1' => "duplicate MDReqID",
        (byte)'2' => "insufficient bandwidth",
        (byte)'3' => "insufficient permissions",
        (byte)'4' => "unsupported SubscriptionRequestType",
        (byte)'5' => "unsupported MarketDepth",
        (byte)'6' => "unsupported MDUpdateType",
        (byte)'7' => "unsupported AggregatedBook",
        (byte)'8' => "unsupported MDEntryType",
        (byte)'9' => "unsupported TradingSessionID",
        (byte)'A' => "unsupported scope",
        (byte)'B' => "unsupported OpenCloseSettlFlag",
        (byte)'C' => "unsupported MDImplicitDelete",
        (byte)'D' => "insufficient credit",
        0 => "no reason given",
        _ => $"reason {(char)reason}",
    };
}
