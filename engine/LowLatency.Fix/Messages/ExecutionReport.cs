using LowLatency.Fix.Wire;

namespace LowLatency.Fix.Messages;

/// <summary>
/// The fields of an ExecutionReport (8) that order routing needs, read in place. CumQty is what makes a report
/// idempotent: a fill is the difference between its CumQty and what was already known, so a resent report
/// (PossDupFlag=Y) adds nothing.
/// </summary>
public readonly ref struct ExecutionReport
{
    public ReadOnlySpan<byte> ClOrdId { get; init; }

    public ReadOnlySpan<byte> OrigClOrdId { get; init; }

    public ReadOnlySpan<byte> OrderId { get; init; }

    public ReadOnlySpan<byte> ExecId { get; init; }

    public ReadOnlySpan<byte> Symbol { get; init; }

    public ReadOnlySpan<byte> Text { get; init; }

    public byte ExecType { get; init; }

    public byte OrdStatus { get; init; }

    public byte Side { get; init; }

    public decimal OrderQty { get; init; }

    public decimal CumQty { get; init; }

    public decimal LeavesQty { get; init; }

    public decimal LastQty { get; init; }

    public decimal LastPx { get; init; }

    public decimal AvgPx { get; init; }

    public bool PossDup { get; init; }

    /// <summary>The OrderMassStatusRequest this report answers (584), empty when none.</summary>
    public ReadOnlySpan<byte> MassStatusReqId { get; init; }

    /// <summary>The last report of a mass status answer (LastRptRequested 912 = Y).</summary>
    public bool LastRptRequested { get; init; }

    /// <summary>An answer to a status request (ExecType I in 4.4, ExecTransType 3 in 4.2), not news of a change.</summary>
    public bool IsStatus { get; init; }

    /// <summary>Reads one; false with a reason when a required field is missing or malformed.</summary>
    public static bool TryRead(in FixMessageView message, out ExecutionReport report, out string? error)
    {
        report = default;
        error = null;
        if (!message.TryGet(Tag.ExecType, out var execType) || execType.Length != 1 || !message.TryGet(Tag.OrdStatus, out var ordStatus) || ordStatus.Length != 1)
        {
            error = "ExecutionReport without a one-letter ExecType (150) and OrdStatus (39)";
            return false;
        }

        if (!message.TryGetDecimal(Tag.CumQty, out var cum) || cum < 0)
        {
            error = "ExecutionReport without a valid CumQty (14)";
            return false;
        }

        message.TryGet(Tag.ClOrdId, out var clOrdId);
        message.TryGet(Tag.OrigClOrdId, out var orig);
        message.TryGet(Tag.OrderId, out var orderId);
        message.TryGet(Tag.ExecId, out var execId);
        message.TryGet(Tag.Symbol, out var symbol);
        message.TryGet(Tag.Text, out var text);
        message.TryGet(Tag.Side, out var side);
        message.TryGet(Tag.MassStatusReqId, out var massStatusReqId);
        message.TryGetDecimal(Tag.OrderQty, out var qty);
        message.TryGetDecimal(Tag.LeavesQty, out var leaves);
        message.TryGetDecimal(Tag.LastQty, out var lastQty); // LastShares in 4.2: the same tag
        message.TryGetDecimal(Tag.LastPx, out var lastPx);
        message.TryGetDecimal(Tag.AvgPx, out var avgPx);
        report = new ExecutionReport
        {
            ClOrdId = clOrdId, OrigClOrdId = orig, OrderId = orderId, ExecId = execId, Symbol = symbol, Text = text,
            ExecType = execType[0], OrdStatus = ordStatus[0], Side = side.Length == 1 ? side[0] : (byte)0,
            OrderQty = qty, CumQty = cum, LeavesQty = leaves, LastQty = lastQty, LastPx = lastPx, AvgPx = avgPx,
            PossDup = message.Is(Tag.PossDupFlag, "Y"u8), MassStatusReqId = massStatusReqId, LastRptRequested = message.Is(Tag.LastRptRequested, "Y"u8),
            IsStatus = execType[0] == FixCodes.ExecOrderStatus || message.Is(Tag.ExecTransType, "3"u8),
        };
        return true;
    }
}
