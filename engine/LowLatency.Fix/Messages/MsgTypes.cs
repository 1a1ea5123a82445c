namespace LowLatency.Fix.Messages;

/// <summary>The application MsgType values this engine sends and reads.</summary>
public static class MsgTypes
{
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
