using System.Buffers.Binary;
using LowLatency.Engine.Commands;
using LowLatency.Engine.Execution;
using LowLatency.Engine.Portfolio;
using LowLatency.Engine.Risk;

namespace LowLatency.Ipc;

/// <summary>Fixed little-endian layouts of a <see cref="Command"/> and a <see cref="CommandResult"/>. The engine validates a decoded command like any other (ingest refuses unknown types).</summary>
public static class CommandCodec
{
    public const int CommandSize = 1 + 8 + 4 + 1 + 1 + 1 + (8 * 6) + 8 + 1;
    /// <summary>A result and its risk-budget report (zero but for <see cref="CommandType.SetRiskBudget"/>).</summary>
    public const int ResultSize = 8 + 1 + 1 + 8 + BudgetSize;

    private const int BudgetSize = (8 * 4) + (4 * 3) + 8 + 1 + (8 * 2) + (8 * 2) + (8 * 3);

    public static byte[] Encode(in Command c)
    {
        var b = new byte[CommandSize];
        var s = b.AsSpan();
        s[0] = (byte)c.Type;
        BinaryPrimitives.WriteInt64LittleEndian(s[1..], c.CorrelationId);
        BinaryPrimitives.WriteInt32LittleEndian(s[9..], c.InstrumentId);
        s[13] = (byte)c.Side;
        s[14] = (byte)c.OrderType;
        s[15] = (byte)c.TimeInForce;
        BinaryPrimitives.WriteInt64LittleEndian(s[16..], c.QuantityLots);
        BinaryPrimitives.WriteInt64LittleEndian(s[24..], c.LimitTicks);
        BinaryPrimitives.WriteInt64LittleEndian(s[32..], c.StopTicks);
        BinaryPrimitives.WriteInt64LittleEndian(s[40..], c.StopLossTicks);
        BinaryPrimitives.WriteInt64LittleEndian(s[48..], c.TakeProfitTicks);
        BinaryPrimitives.WriteInt64LittleEndian(s[56..], c.MaxDrawdown);
        BinaryPrimitives.WriteInt64LittleEndian(s[64..], c.OrderId);
        s[72] = c.Flatten ? (byte)1 : (byte)0;
        return b;
    }

    public static bool TryDecodeCommand(ReadOnlySpan<byte> s, out Command c)
    {
        c = default;
        if (s.Length != CommandSize)
        {
            return false;
        }

        c.Type = (CommandType)s[0];
        c.CorrelationId = BinaryPrimitives.ReadInt64LittleEndian(s[1..]);
        c.InstrumentId = BinaryPrimitives.ReadInt32LittleEndian(s[9..]);
        c.Side = (Side)s[13];
        c.OrderType = (OrderType)s[14];
        c.TimeInForce = (TimeInForce)s[15];
        c.QuantityLots = BinaryPrimitives.ReadInt64LittleEndian(s[16..]);
        c.LimitTicks = BinaryPrimitives.ReadInt64LittleEndian(s[24..]);
        c.StopTicks = BinaryPrimitives.ReadInt64LittleEndian(s[32..]);
        c.StopLossTicks = BinaryPrimitives.ReadInt64LittleEndian(s[40..]);
        c.TakeProfitTicks = BinaryPrimitives.ReadInt64LittleEndian(s[48..]);
        c.MaxDrawdown = BinaryPrimitives.ReadInt64LittleEndian(s[56..]);
        c.OrderId = BinaryPrimitives.ReadInt64LittleEndian(s[64..]);
        c.Flatten = s[72] != 0;
        return true;
    }

    public static void Encode(in CommandResult r, Span<byte> s)
    {
        BinaryPrimitives.WriteInt64LittleEndian(s, r.CorrelationId);
        s[8] = (byte)r.Type;
        s[9] = (byte)r.Reason;
        BinaryPrimitives.WriteInt64LittleEndian(s[10..], r.OrderId);
        var (b, p) = (r.Budget.Budget, 18);
        foreach (var value in (ReadOnlySpan<long>)[b.Epoch, b.Version, b.MaxGrossExposure, b.PoolGrossExposure])
        {
            BinaryPrimitives.WriteInt64LittleEndian(s[p..], value);
            p += 8;
        }

        foreach (var value in (ReadOnlySpan<int>)[b.MaxOpenPositions, b.PoolOpenPositions, r.Budget.OpenPositions])
        {
            BinaryPrimitives.WriteInt32LittleEndian(s[p..], value);
            p += 4;
        }

        foreach (var value in (ReadOnlySpan<double>)[r.Budget.GrossExposure, r.Budget.DailyLoss, r.Budget.Drawdown])
        {
            BinaryPrimitives.WriteDoubleLittleEndian(s[p..], value);
            p += 8;
        }

        s[p++] = b.HasLossSlices ? (byte)1 : (byte)0;
        foreach (var value in (ReadOnlySpan<long>)[b.MaxDailyLoss, b.MaxDrawdown, r.Budget.ConfiguredDailyLoss, r.Budget.ConfiguredDrawdown, r.Budget.DayStartMs])
        {
            BinaryPrimitives.WriteInt64LittleEndian(s[p..], value);
            p += 8;
        }
    }

    public static bool TryDecodeResult(ReadOnlySpan<byte> s, out CommandResult r)
    {
        r = default;
        if (s.Length != ResultSize)
        {
            return false;
        }

        var budget = new RiskBudget(Long(s, 18), Long(s, 26), Int(s, 50), Long(s, 34), Int(s, 54), Long(s, 42))
        {
            HasLossSlices = s[86] != 0, MaxDailyLoss = Long(s, 87), MaxDrawdown = Long(s, 95),
        };
        r = new CommandResult(Long(s, 0), (CommandType)s[8], (RejectReason)s[9], Long(s, 10))
        {
            Budget = new RiskBudgetReport(budget, Int(s, 58), Double(s, 62))
            {
                DailyLoss = Double(s, 70), Drawdown = Double(s, 78), ConfiguredDailyLoss = Long(s, 103), ConfiguredDrawdown = Long(s, 111), DayStartMs = Long(s, 119),
            },
        };
        return true;
    }

    private static long Long(ReadOnlySpan<byte> s, int at) => BinaryPrimitives.ReadInt64LittleEndian(s[at..]);

    private static double Double(ReadOnlySpan<byte> s, int at) => BinaryPrimitives.ReadDoubleLittleEndian(s[at..]);

    private static int Int(ReadOnlySpan<byte> s, int at) => BinaryPrimitives.ReadInt32LittleEndian(s[at..]);
}
