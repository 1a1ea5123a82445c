using System.Buffers.Binary;

namespace LowLatency.Ipc;

/// <summary>
/// Hello (bridge → engine) and welcome (engine → bridge) payloads: <c>u32 magic "LLIP"</c>, <c>u16 version</c>,
/// <c>i64 sequence</c> (the last record the bridge saw, or the engine's current one).
/// </summary>
public static class Handshake
{
    public const uint Magic = 0x50494C4C; // "LLIP" little-endian
    public const ushort Version = 1;
    public const int Size = 4 + 2 + 8;

    public static byte[] Encode(long sequence, ushort version = Version)
    {
        var payload = new byte[Size];
        BinaryPrimitives.WriteUInt32LittleEndian(payload, Magic);
        BinaryPrimitives.WriteUInt16LittleEndian(payload.AsSpan(4), version);
        BinaryPrimitives.WriteInt64LittleEndian(payload.AsSpan(6), sequence);
        return payload;
    }

    /// <summary>False with a reason when the payload is not a hello/welcome of this protocol version.</summary>
    public static bool TryDecode(ReadOnlySpan<byte> payload, out long sequence, out string? problem)
    {
        sequence = 0;
        if (payload.Length != Size || BinaryPrimitives.ReadUInt32LittleEndian(payload) != Magic)
        {
            problem = "not a LowLatency IPC handshake";
            return false;
        }

        var version = BinaryPrimitives.ReadUInt16LittleEndian(payload[4..]);
        if (version != Version)
        {
            problem = $"protocol version {version}, this side speaks {Version}";
            return false;
        }

        sequence = BinaryPrimitives.ReadInt64LittleEndian(payload[6..]);
        problem = null;
        return true;
    }
}
