using System.Buffers.Binary;
using System.Numerics;

namespace LowLatency.Engine.Journal;

/// <summary>CRC-32C (Castagnoli) over a span, using the CPU's CRC instruction where it has one.</summary>
public static class Crc32C
{
    public static uint Compute(ReadOnlySpan<byte> data, uint crc = 0)
    {
        crc = ~crc;
        while (data.Length >= 8)
        {
            crc = BitOperations.Crc32C(crc, BinaryPrimitives.ReadUInt64LittleEndian(data));
            data = data[8..];
        }

        foreach (var b in data)
        {
            crc = BitOperations.Crc32C(crc, b);
        }

        return ~crc;
    }
}
