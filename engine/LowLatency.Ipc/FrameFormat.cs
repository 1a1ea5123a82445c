using System.Buffers;
using System.Buffers.Binary;

namespace LowLatency.Ipc;

/// <summary>
/// The wire layout, little-endian: <c>u32 length</c> (bytes after this field), <c>u16 type</c>, <c>u16 flags</c>
/// (0), <c>i64 sequence</c>, then the payload. A frame whose length is below the header, above the limit, whose type
/// is unknown or whose flags are set is malformed: the connection that sent it is closed.
/// </summary>
public static class FrameFormat
{
    /// <summary>Bytes before the payload.</summary>
    public const int HeaderSize = 4 + 2 + 2 + 8;

    /// <summary>Largest payload accepted by default (snapshots are the big ones).</summary>
    public const int DefaultMaxPayload = 16 * 1024 * 1024;

    /// <summary>Writes one frame into <paramref name="writer"/> (not flushed).</summary>
    public static void Write(IBufferWriter<byte> writer, FrameType type, long sequence, ReadOnlySpan<byte> payload)
    {
        ArgumentNullException.ThrowIfNull(writer);
        var span = writer.GetSpan(HeaderSize + payload.Length);
        BinaryPrimitives.WriteUInt32LittleEndian(span, (uint)(HeaderSize - 4 + payload.Length));
        BinaryPrimitives.WriteUInt16LittleEndian(span[4..], (ushort)type);
        BinaryPrimitives.WriteUInt16LittleEndian(span[6..], 0);
        BinaryPrimitives.WriteInt64LittleEndian(span[8..], sequence);
        payload.CopyTo(span[HeaderSize..]);
        writer.Advance(HeaderSize + payload.Length);
    }

    /// <summary>
    /// Takes one frame off the front of <paramref name="buffer"/> if it holds a whole one. Returns
    /// <see cref="FrameReadStatus.Incomplete"/> when more bytes are needed (nothing consumed), or
    /// <see cref="FrameReadStatus.Malformed"/> with <paramref name="problem"/> set.
    /// </summary>
    public static FrameReadStatus TryRead(ref ReadOnlySequence<byte> buffer, int maxPayload, out Frame frame, out string? problem)
    {
        frame = default;
        problem = null;
        if (buffer.Length < HeaderSize)
        {
            return FrameReadStatus.Incomplete;
        }

        Span<byte> header = stackalloc byte[HeaderSize];
        buffer.Slice(0, HeaderSize).CopyTo(header);
        var length = BinaryPrimitives.ReadUInt32LittleEndian(header);
        var type = (FrameType)BinaryPrimitives.ReadUInt16LittleEndian(header[4..]);
        var flags = BinaryPrimitives.ReadUInt16LittleEndian(header[6..]);
        var sequence = BinaryPrimitives.ReadInt64LittleEndian(header[8..]);
        if (length < HeaderSize - 4 || length - (HeaderSize - 4) > (uint)maxPayload)
        {
            problem = $"frame length {length} outside {HeaderSize - 4}..{HeaderSize - 4 + maxPayload}";
            return FrameReadStatus.Malformed;
        }

        if (!Enum.IsDefined(type) || flags != 0)
        {
            problem = $"unknown frame type {(ushort)type} or flags {flags}";
            return FrameReadStatus.Malformed;
        }

        var total = 4L + length;
        if (buffer.Length < total)
        {
            return FrameReadStatus.Incomplete;
        }

        var payload = buffer.Slice(HeaderSize, total - HeaderSize).ToArray();
        frame = new Frame(type, sequence, payload);
        buffer = buffer.Slice(total);
        return FrameReadStatus.Complete;
    }
}
