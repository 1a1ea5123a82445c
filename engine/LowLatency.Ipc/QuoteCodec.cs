using System.Buffers.Binary;
using LowLatency.Engine.MarketData;

namespace LowLatency.Ipc;

/// <summary>A quote frame's payload: <c>i32 instrument</c>, then <c>i64</c> timestamp (ms), bid, ask, last (ticks) and size (lots).</summary>
public static class QuoteCodec
{
    public const int Size = 4 + (8 * 5);

    public static void Encode(in Tick tick, Span<byte> destination)
    {
        BinaryPrimitives.WriteInt32LittleEndian(destination, tick.InstrumentId);
        BinaryPrimitives.WriteInt64LittleEndian(destination[4..], tick.TimestampMs);
        BinaryPrimitives.WriteInt64LittleEndian(destination[12..], tick.BidTicks);
        BinaryPrimitives.WriteInt64LittleEndian(destination[20..], tick.AskTicks);
        BinaryPrimitives.WriteInt64LittleEndian(destination[28..], tick.LastTicks);
        BinaryPrimitives.WriteInt64LittleEndian(destination[36..], tick.SizeLots);
    }

    public static bool TryDecode(ReadOnlySpan<byte> source, out Tick tick)
    {
        tick = default;
        if (source.Length != Size)
        {
            return false;
        }

        tick.InstrumentId = BinaryPrimitives.ReadInt32LittleEndian(source);
        tick.TimestampMs = BinaryPrimitives.ReadInt64LittleEndian(source[4..]);
        tick.BidTicks = BinaryPrimitives.ReadInt64LittleEndian(source[12..]);
        tick.AskTicks = BinaryPrimitives.ReadInt64LittleEndian(source[20..]);
        tick.LastTicks = BinaryPrimitives.ReadInt64LittleEndian(source[28..]);
        tick.SizeLots = BinaryPrimitives.ReadInt64LittleEndian(source[36..]);
        return true;
    }
}
