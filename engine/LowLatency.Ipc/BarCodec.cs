using System.Buffers.Binary;
using LowLatency.Analytics;
using LowLatency.Engine.MarketData;

namespace LowLatency.Ipc;

/// <summary>A closed one-minute bar frame's payload: <c>i32 instrument, i64 open time (ms), f64 open, high, low, close, volume, i32 trades</c>.</summary>
public static class BarCodec
{
    public const int Size = 4 + 8 + (8 * 5) + 4;

    public static void Encode(int instrumentId, in OhlcvBar bar, Span<byte> d)
    {
        BinaryPrimitives.WriteInt32LittleEndian(d, instrumentId);
        BinaryPrimitives.WriteInt64LittleEndian(d[4..], bar.OpenTimeMs);
        BinaryPrimitives.WriteDoubleLittleEndian(d[12..], bar.Open);
        BinaryPrimitives.WriteDoubleLittleEndian(d[20..], bar.High);
        BinaryPrimitives.WriteDoubleLittleEndian(d[28..], bar.Low);
        BinaryPrimitives.WriteDoubleLittleEndian(d[36..], bar.Close);
        BinaryPrimitives.WriteDoubleLittleEndian(d[44..], bar.Volume);
        BinaryPrimitives.WriteInt32LittleEndian(d[52..], bar.Trades);
    }

    public static bool TryDecode(ReadOnlySpan<byte> s, out int instrumentId, out OhlcvBar bar)
    {
        bar = default;
        instrumentId = 0;
        if (s.Length != Size)
        {
            return false;
        }

        instrumentId = BinaryPrimitives.ReadInt32LittleEndian(s);
        bar.OpenTimeMs = BinaryPrimitives.ReadInt64LittleEndian(s[4..]);
        bar.Open = BinaryPrimitives.ReadDoubleLittleEndian(s[12..]);
        bar.High = BinaryPrimitives.ReadDoubleLittleEndian(s[20..]);
        bar.Low = BinaryPrimitives.ReadDoubleLittleEndian(s[28..]);
        bar.Close = BinaryPrimitives.ReadDoubleLittleEndian(s[36..]);
        bar.Volume = BinaryPrimitives.ReadDoubleLittleEndian(s[44..]);
        bar.Trades = BinaryPrimitives.ReadInt32LittleEndian(s[52..]);
        return double.IsFinite(bar.Open) && double.IsFinite(bar.High) && double.IsFinite(bar.Low) && double.IsFinite(bar.Close) && double.IsFinite(bar.Volume);
    }
}
