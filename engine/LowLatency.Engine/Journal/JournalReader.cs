using System.Buffers;
using System.Buffers.Binary;

namespace LowLatency.Engine.Journal;

/// <summary>
/// Reads a journal's records in order, stopping at the first record that is torn (cut short) or corrupt
/// (bad length or CRC). A bad record with nothing valid after it is a torn tail, what a crash mid-write
/// leaves: <see cref="Recover"/> truncates it. A bad record followed by valid ones is corruption in the
/// middle: the reader counts what follows (<see cref="JournalRecovery.RecordsAfterProblem"/>) so that the
/// caller refuses to start instead of dropping acknowledged history.
/// </summary>
public static class JournalReader
{
    /// <summary>One good record: its payload, where its frame starts, and the frame's CRC (as in its header).</summary>
    public delegate void RecordHandler(ReadOnlySpan<byte> payload, long offset, uint crc);

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
                    return Stopped(stream, records, offset, length, $"torn record header at byte {offset}");
                }

                stream.ReadExactly(header);
                var size = BinaryPrimitives.ReadInt32LittleEndian(header);
                if (size <= 0 || size > JournalFormat.MaxPayloadSize)
                {
                    return Stopped(stream, records, offset, length, $"corrupt record length {size} at byte {offset}");
                }

                if (length - offset - JournalFormat.HeaderSize < size)
                {
                    return Stopped(stream, records, offset, length, $"torn record at byte {offset}: {size} bytes announced, {length - offset - JournalFormat.HeaderSize} present");
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
                    return Stopped(stream, records, offset, length, $"corrupt record at byte {offset}: CRC mismatch");
                }

                onRecord?.Invoke(payload, offset, crc);
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

    /// <summary>
    /// Reads like <see cref="Read"/>, then truncates a torn tail. Corruption in the middle (valid records after the
    /// bad one) is never truncated: <see cref="JournalCorruptException"/>.
    /// </summary>
    public static JournalRecovery Recover(string path, RecordHandler? onRecord = null)
    {
        var result = Read(path, onRecord);
        if (result.IsCorrupt)
        {
            throw new JournalCorruptException(path, result, lastSequence: null);
        }

        if (result.HadBadTail)
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Write, FileShare.Read);
            stream.SetLength(result.ValidLength);
            stream.Flush(flushToDisk: true);
        }

        return result;
    }

    /// <summary>Where reading stopped: counts the valid frames at any byte offset after the bad one (torn tail when none).</summary>
    private static JournalRecovery Stopped(FileStream stream, long records, long offset, long length, string problem) =>
        new(records, offset, length, problem, ValidFramesAfter(stream, offset + 1));

    /// <summary>Valid frames (plausible length, matching CRC) found scanning from <paramref name="from"/>, each byte offset tried until one is found, then frame by frame.</summary>
    private static long ValidFramesAfter(FileStream stream, long from)
    {
        var length = stream.Length;
        if (from >= length)
        {
            return 0;
        }

        // Bounded: a journal's damaged remainder is read into memory once; beyond the bound only its start is scanned.
        var tail = new byte[(int)Math.Min(length - from, 1L << 29)];
        stream.Position = from;
        stream.ReadExactly(tail);
        long found = 0;
        var position = 0;
        while (position <= tail.Length - JournalFormat.HeaderSize)
        {
            if (IsFrame(tail, position, out var frameLength))
            {
                found++;
                position += frameLength;
            }
            else if (found > 0)
            {
                break; // counted the valid run that follows the damage
            }
            else
            {
                position++;
            }
        }

        return found;
    }

    private static bool IsFrame(byte[] data, int position, out int frameLength)
    {
        frameLength = 0;
        var size = BinaryPrimitives.ReadInt32LittleEndian(data.AsSpan(position));
        if (size <= 0 || size > JournalFormat.MaxPayloadSize || position + JournalFormat.HeaderSize + (long)size > data.Length)
        {
            return false;
        }

        var crc = Crc32C.Compute(data.AsSpan(position + JournalFormat.HeaderSize, size), Crc32C.Compute(data.AsSpan(position, 4)));
        frameLength = JournalFormat.HeaderSize + size;
        return crc == BinaryPrimitives.ReadUInt32LittleEndian(data.AsSpan(position + 4));
    }
}
