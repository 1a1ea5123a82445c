using System.Buffers.Binary;
using LowLatency.Engine.Execution;
using LowLatency.Engine.Portfolio;

namespace LowLatency.Engine.State;

/// <summary>
/// Fixed-layout little-endian encoding of a <see cref="TradingRecord"/> (version byte first, so the layout can
/// evolve). Allocation-free both ways.
/// </summary>
public static class RecordCodec
{
    public const byte Version = 1;

    /// <summary>Bytes of one encoded record.</summary>
    public const int Size = 2 + (8 * 14) + 4 + 4 + 4 + 1 + 1 + 1 + 1 + 1 + 1 + 16 + 16;

    public static int Encode(in TradingRecord r, Span<byte> destination)
    {
        if (destination.Length < Size)
        {
            throw new ArgumentException($"Needs {Size} bytes.", nameof(destination));
        }

        destination[0] = Version;
        destination[1] = (byte)r.Type;
        var p = 2;
        WriteLong(destination, ref p, r.Sequence);
        WriteLong(destination, ref p, r.TimeMs);
        WriteLong(destination, ref p, r.OrderId);
        WriteLong(destination, ref p, r.CorrelationId);
        WriteLong(destination, ref p, r.QuantityLots);
        WriteLong(destination, ref p, r.PriceTicks);
        WriteLong(destination, ref p, r.StopTicks);
        WriteLong(destination, ref p, r.StopLossTicks);
        WriteLong(destination, ref p, r.TakeProfitTicks);
        WriteLong(destination, ref p, r.ParentId);
        WriteLong(destination, ref p, r.OcoId);
        WriteLong(destination, ref p, r.ActiveAtMs);
        WriteLong(destination, ref p, r.BidTicks);
        WriteLong(destination, ref p, r.AskTicks);
        BinaryPrimitives.WriteInt32LittleEndian(destination[p..], r.InstrumentId);
        p += 4;
        BinaryPrimitives.WriteInt32LittleEndian(destination[p..], r.StrategyIndex);
        p += 4;
        BinaryPrimitives.WriteInt32LittleEndian(destination[p..], r.Incarnation); // zero in records written before incarnations
        p += 4;
        destination[p++] = (byte)r.Side;
        destination[p++] = (byte)r.OrderType;
        destination[p++] = (byte)r.TimeInForce;
        destination[p++] = (byte)((r.ReduceOnly ? 1 : 0) | (r.Flag ? 2 : 0));
        destination[p++] = r.Reason;
        destination[p++] = r.Status;
        WriteDecimal(destination, ref p, r.Amount);
        WriteDecimal(destination, ref p, r.Rate);
        return p;
    }

    /// <summary>Decodes a record; false (with a reason) for a payload of the wrong size, version or type.</summary>
    public static bool TryDecode(ReadOnlySpan<byte> source, out TradingRecord r, out string? problem)
    {
        r = default;
        if (source.Length != Size)
        {
            problem = $"record of {source.Length} bytes, expected {Size}";
            return false;
        }

        if (source[0] != Version)
        {
            problem = $"record version {source[0]}, this engine reads {Version}";
            return false;
        }

        if (source[1] is 0 or > (byte)RecordType.RiskBudgetChanged)
        {
            problem = $"unknown record type {source[1]}";
            return false;
        }

        r.Type = (RecordType)source[1];
        var p = 2;
        r.Sequence = ReadLong(source, ref p);
        r.TimeMs = ReadLong(source, ref p);
        r.OrderId = ReadLong(source, ref p);
        r.CorrelationId = ReadLong(source, ref p);
        r.QuantityLots = ReadLong(source, ref p);
        r.PriceTicks = ReadLong(source, ref p);
        r.StopTicks = ReadLong(source, ref p);
        r.StopLossTicks = ReadLong(source, ref p);
        r.TakeProfitTicks = ReadLong(source, ref p);
        r.ParentId = ReadLong(source, ref p);
        r.OcoId = ReadLong(source, ref p);
        r.ActiveAtMs = ReadLong(source, ref p);
        r.BidTicks = ReadLong(source, ref p);
        r.AskTicks = ReadLong(source, ref p);
        r.InstrumentId = BinaryPrimitives.ReadInt32LittleEndian(source[p..]);
        p += 4;
        r.StrategyIndex = BinaryPrimitives.ReadInt32LittleEndian(source[p..]);
        p += 4;
        r.Incarnation = BinaryPrimitives.ReadInt32LittleEndian(source[p..]);
        p += 4;
        r.Side = (Side)source[p++];
        r.OrderType = (OrderType)source[p++];
        r.TimeInForce = (TimeInForce)source[p++];
        r.ReduceOnly = (source[p] & 1) != 0;
        r.Flag = (source[p++] & 2) != 0;
        r.Reason = source[p++];
        r.Status = source[p++];
        if (!TryReadDecimal(source, ref p, out r.Amount) || !TryReadDecimal(source, ref p, out r.Rate))
        {
            problem = "malformed decimal field";
            return false;
        }

        problem = null;
        return true;
    }

    private static void WriteLong(Span<byte> d, ref int p, long value)
    {
        BinaryPrimitives.WriteInt64LittleEndian(d[p..], value);
        p += 8;
    }

    private static long ReadLong(ReadOnlySpan<byte> s, ref int p)
    {
        var value = BinaryPrimitives.ReadInt64LittleEndian(s[p..]);
        p += 8;
        return value;
    }

    private static void WriteDecimal(Span<byte> d, ref int p, decimal value)
    {
        Span<int> bits = stackalloc int[4];
        decimal.GetBits(value, bits);
        for (var i = 0; i < 4; i++)
        {
            BinaryPrimitives.WriteInt32LittleEndian(d[p..], bits[i]);
            p += 4;
        }
    }

    private static bool TryReadDecimal(ReadOnlySpan<byte> s, ref int p, out decimal value)
    {
        Span<int> bits = stackalloc int[4];
        for (var i = 0; i < 4; i++)
        {
            bits[i] = BinaryPrimitives.ReadInt32LittleEndian(s[p..]);
            p += 4;
        }

        // The flags word: bits 0-15 and 24-30 zero, scale (16-23) at most 28; anything else is not a decimal.
        var flags = bits[3];
        if ((flags & 0x7F00FFFF) != 0 || ((flags >> 16) & 0xFF) > 28)
        {
            value = 0;
            return false;
        }

        value = new decimal(bits);
        return true;
    }
}
