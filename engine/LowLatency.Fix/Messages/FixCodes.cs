namespace LowLatency.Fix.Messages;

/// <summary>Single-character code values (Side, OrdType, TimeInForce, ExecType, OrdStatus) as the FIX 4.2/4.4 dictionaries define them.</summary>
public static class FixCodes
{
    public const byte SideBuy = (byte)'1';
    public const byte SideSell = (byte)'2';

    public const byte OrdTypeMarket = (byte)'1';
    public const byte OrdTypeLimit = (byte)'2';
    public const byte OrdTypeStop = (byte)'3';
    public const byte OrdTypeStopLimit = (byte)'4';

    public const byte TifDay = (byte)'0';
    public const byte TifGtc = (byte)'1';
    public const byte TifIoc = (byte)'3';
    public const byte TifFok = (byte)'4';

    public const byte ExecNew = (byte)'0';
    public const byte ExecPartialFill = (byte)'1';
    public const byte ExecFill = (byte)'2';
    public const byte ExecDoneForDay = (byte)'3';
    public const byte ExecCanceled = (byte)'4';
    public const byte ExecReplaced = (byte)'5';
    public const byte ExecPendingCancel = (byte)'6';
    public const byte ExecRejected = (byte)'8';
    public const byte ExecPendingNew = (byte)'A';
    public const byte ExecExpired = (byte)'C';
    public const byte ExecRestated = (byte)'D';
    public const byte ExecPendingReplace = (byte)'E';
    public const byte ExecTrade = (byte)'F';
    public const byte ExecOrderStatus = (byte)'I';

    // OrdStatus shares the ExecType letters for New … Expired.
    public const byte StatusNew = (byte)'0';
    public const byte StatusPartiallyFilled = (byte)'1';
    public const byte StatusFilled = (byte)'2';
    public const byte StatusDoneForDay = (byte)'3';
    public const byte StatusCanceled = (byte)'4';
    public const byte StatusReplaced = (byte)'5';
    public const byte StatusRejected = (byte)'8';
    public const byte StatusExpired = (byte)'C';

    /// <summary>Whether an order with this OrdStatus can still trade (Replaced: FIX 4.2's status of a replaced order).</summary>
    public static bool IsWorking(byte ordStatus) =>
        ordStatus is StatusNew or StatusPartiallyFilled or StatusReplaced or ExecPendingCancel or ExecPendingNew or ExecPendingReplace;
}
