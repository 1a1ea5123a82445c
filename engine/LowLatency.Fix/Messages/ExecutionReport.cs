using System.Buffers.Text;
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

    /// <summary>Reads one in a single pass over its fields; false with a reason when a required field is missing or malformed.</summary>
    public static bool TryRead(in FixMessageView message, out ExecutionReport report, out string? error)
    {
        report = default;
        error = null;
        ReadOnlySpan<byte> execType = default, ordStatus = default, clOrdId = default, orig = default, orderId = default, execId = default, symbol = default,
            text = default, side = default, massStatusReqId = default;
        decimal qty = 0, leaves = 0, lastQty = 0, lastPx = 0, avgPx = 0, cum = -1;
        bool possDup = false, lastRpt = false, statusTrans = false;
        var position = 0;
        while (message.TryReadField(ref position, out var tag, out var value))
        {
            switch (tag)
            {
                case Tag.ExecType: execType = value; break;
                case Tag.OrdStatus: ordStatus = value; break;
                case Tag.CumQty: cum = Decimal(value, invalid: -1); break;
                case Tag.ClOrdId: clOrdId = value; break;
                case Tag.OrigClOrdId: orig = value; break;
                case Tag.OrderId: orderId = value; break;
                case Tag.ExecId: execId = value; break;
                case Tag.Symbol: symbol = value; break;
                case Tag.Text: text = value; break;
                case Tag.Side: side = value; break;
                case Tag.MassStatusReqId: massStatusReqId = value; break;
                case Tag.OrderQty: qty = Decimal(value); break;
                case Tag.LeavesQty: leaves = Decimal(value); break;
                case Tag.LastQty: lastQty = Decimal(value); break; // LastShares in 4.2: the same tag
                case Tag.LastPx: lastPx = Decimal(value); break;
                case Tag.AvgPx: avgPx = Decimal(value); break;
                case Tag.PossDupFlag: possDup = value.SequenceEqual("Y"u8); break;
                case Tag.LastRptRequested: lastRpt = value.SequenceEqual("Y"u8); break;
                case Tag.ExecTransType: statusTrans = value.SequenceEqual("3"u8); break;
                default: break;
            }
        }

        if (execType.Length != 1 || ordStatus.Length != 1)
        {
            error = "ExecutionReport without a one-letter ExecType (150) and OrdStatus (39)";
            return false;
        }

        if (cum < 0)
        {
            error = "ExecutionReport without a valid CumQty (14)";
            return false;
        }

        report = new ExecutionReport
        {
            ClOrdId = clOrdId, OrigClOrdId = orig, OrderId = orderId, ExecId = execId, Symbol = symbol, Text = text,
            ExecType = execType[0], OrdStatus = ordStatus[0], Side = side.Length == 1 ? side[0] : (byte)0,
            OrderQty = qty, CumQty = cum, LeavesQty = leaves, LastQty = lastQty, LastPx = lastPx, AvgPx = avgPx,
            PossDup = possDup, MassStatusReqId = massStatusReqId, LastRptRequested = lastRpt,
            IsStatus = execType[0] == FixCodes.ExecOrderStatus || statusTrans,
        };
        return true;
    }

    private static decimal Decimal(ReadOnlySpan<byte> value, decimal invalid = 0) =>
        Utf8Parser.TryParse(value, out decimal number, out var consumed) && consumed == value.Length ? number : invalid;
}
