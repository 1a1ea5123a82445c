namespace LowLatency.Fix.Messages;

/// <summary>The MsgType values this engine sends and reads, session and application level.</summary>
public static class MsgTypes
{
    // Session level.
    public static ReadOnlySpan<byte> Heartbeat => "0"u8;

    public static ReadOnlySpan<byte> TestRequest => "1"u8;

    public static ReadOnlySpan<byte> ResendRequest => "2"u8;

    public static ReadOnlySpan<byte> Reject => "3"u8;

    public static ReadOnlySpan<byte> SequenceReset => "4"u8;

    public static ReadOnlySpan<byte> Logout => "5"u8;

    public static ReadOnlySpan<byte> Logon => "A"u8;

    /// <summary>Whether <paramref name="msgType"/> is one of the session-level types above (never resent: gap-filled).</summary>
    public static bool IsSessionLevel(ReadOnlySpan<byte> msgType) =>
        msgType.SequenceEqual(Heartbeat) || msgType.SequenceEqual(TestRequest) || msgType.SequenceEqual(ResendRequest) || msgType.SequenceEqual(Reject)
        || msgType.SequenceEqual(SequenceReset) || msgType.SequenceEqual(Logout) || msgType.SequenceEqual(Logon);

    // Application level.
    public static ReadOnlySpan<byte> NewOrderSingle => "D"u8;

    public static ReadOnlySpan<byte> OrderCancelRequest => "F"u8;

    public static ReadOnlySpan<byte> OrderCancelReplaceRequest => "G"u8;

    public static ReadOnlySpan<byte> OrderStatusRequest => "H"u8;

    public static ReadOnlySpan<byte> OrderMassStatusRequest => "AF"u8;

    public static ReadOnlySpan<byte> ExecutionReport => "8"u8;

    public static ReadOnlySpan<byte> OrderCancelReject => "9"u8;

    public static ReadOnlySpan<byte> BusinessMessageReject => "j"u8;

    public static ReadOnlySpan<byte> MarketDataRequest => "V"u8;

    public static ReadOnlySpan<byte> MarketDataSnapshotFullRefresh => "W"u8;

    public static ReadOnlySpan<byte> MarketDataIncrementalRefresh => "X"u8;

    public static ReadOnlySpan<byte> MarketDataRequestReject => "Y"u8;
}
