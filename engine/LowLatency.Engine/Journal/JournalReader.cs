using System.Buffers;
using System.Buffers.Binary;

namespace LowLatency.Engine.Journal;

/// <summary>
/// Reads a journal's records in order, stopping at the first record that is torn (cut short) or corrupt
/// (bad length or CRC): nothing after it can be trusted. <see cref="Recover"/> also truncates the file there,
/// so a crash mid-write never stops the engine from starting.
/// </summary>
public static class JournalReader
{
    public delegate void RecordHandler(ReadOnlySpan<byte> payload, long offset);

    /// <summary>Reads every good record into <paramref name="onRecord"/>; changes nothing on disk. A missing file is empty.</summary>
    public static JournalRecovery Read(string path, RecordHandler? onRecord = null)
    {
        if (!File.Exists(path))
        {
            return new JournalRecovery(0, 0, 0, null);
        }

        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, bufferSize: 1 << 16);
        var header = new byte[JournalFormat.HeaderSize];
        var buffer = ArrayPool<byte>.Shared.Rent(4096);
        try
        {
            long records = 0;
            long offset = 0;
            var length = stream.Length;
            while (offset < length)
            {
                if (length - offset < JournalFormat.HeaderSize)
                {
                    return new JournalRecovery(records, offset, length, $"torn record header at byte {offset}");
                }

                stream.ReadExactly(header);
                var size = BinaryPrimitives.ReadInt32LittleEndian(header);
                if (size <= 0 || size > JournalFormat.MaxPayloadSize)
                {
                    return new JournalRecovery(records, offset, length, $"corrupt record length {size} at byte {offset}");
                }

                if (length - offset - JournalFormat.HeaderSize < size)
                {
                    return new JournalRecovery(records, offset, length, $"torn record at byte {offset}: {size} bytes announced, {length - offset - JournalFormat.HeaderSize} present");
                }

                if (buffer.Length < size)
                {
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = ArrayPool<byte>.Shared.Rent(size);
                }

                var payload = buffer.AsSpan(0, size);
                stream.ReadExactly(payload);
                var crc = Crc32C.Compute(payload, Crc32C.Compute(header.AsSpan(0, 4)));
                if (crc != BinaryPrimitives.ReadUInt32LittleEndian(header.AsSpan(4)))
                {
                    return new JournalRecovery(records, offset, length, $"corrupt record at byte {offset}: CRC mismatch");
                }

                onRecord?.Invoke(payload, offset);
                records++;
                offset += JournalFormat.HeaderSize + size;
            }

            return new JournalRecovery(records, offset, length, null);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>Reads like <see cref="Read"/>, then truncates the file after the last good record if anything followed it.</summary>
    public static JournalRecovery Recover(string path, RecordHandler? onRecord = null)
    {
        var result = Read(path, onRecord);
        if (result.HadBadTail)
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Write, FileShare.Read);
            stream.SetLength(result.ValidLength);
            stream.Flush(flushToDisk: true);
        }

        return result;
    }
}
