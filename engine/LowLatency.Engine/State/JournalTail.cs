using System.Buffers.Binary;
using LowLatency.Engine.Journal;
using Microsoft.Win32.SafeHandles;

namespace LowLatency.Engine.State;

/// <summary>
/// Follows a live journal from a given sequence, record by record and across its segments, for the event stream:
/// reads beside the writer (never past the durable sequence it is given, so it never sees a half-written frame)
/// and checks each frame's CRC and that sequences follow one another. Not thread-safe: one reader per tail.
/// </summary>
public sealed class JournalTail : IDisposable
{
    private readonly string _directory;
    private readonly byte[] _header = new byte[JournalFormat.HeaderSize];
    private readonly byte[] _payload = new byte[RecordCodec.Size];
    private SafeFileHandle? _file;
    private string _path = "";
    private long _offset;

    /// <exception cref="JournalCorruptException">No segment holds <paramref name="fromSequence"/> (retired, or never written), or the segment is damaged before it.</exception>
    public JournalTail(string directory, long fromSequence)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(fromSequence, 1);
        _directory = directory;
        NextSequence = fromSequence;
        var segments = JournalSegments.List(directory);
        var holder = segments.LastOrDefault(s => s.FirstSequence <= fromSequence);
        if (holder.Path is null)
        {
            throw new JournalCorruptException(segments.Count > 0 ? segments[0].Path : directory, 0, null,
                $"no journal segment holds sequence {fromSequence} (the first starts at {(segments.Count > 0 ? segments[0].FirstSequence : 0)}): retired before it was published");
        }

        Open(holder.Path);
        var skip = fromSequence - holder.FirstSequence;
        NextSequence = holder.FirstSequence;
        for (var i = 0L; i < skip; i++)
        {
            if (!TryRead(fromSequence - 1, out _))
            {
                throw new JournalCorruptException(_path, _offset, NextSequence - 1, $"the segment ends before sequence {fromSequence}");
            }
        }
    }

    /// <summary>The sequence the next read returns.</summary>
    public long NextSequence { get; private set; }

    /// <summary>
    /// Reads the next record if its sequence is at most <paramref name="durableSequence"/>; its bytes stay valid
    /// until the next call. False when nothing durable is left to read.
    /// </summary>
    /// <exception cref="JournalCorruptException">A durable record is missing, damaged or out of sequence.</exception>
    public bool TryRead(long durableSequence, out ReadOnlyMemory<byte> record)
    {
        record = default;
        if (NextSequence > durableSequence)
        {
            return false;
        }

        if (RandomAccess.Read(_file!, _header, _offset) < JournalFormat.HeaderSize)
        {
            // A durable record not in this segment is in the next, which the writer named by it.
            var next = JournalSegments.PathFor(_directory, NextSequence);
            if (next == _path || !File.Exists(next))
            {
                throw new JournalCorruptException(_path, _offset, NextSequence - 1, $"durable record {NextSequence} is in no segment");
            }

            Open(next);
            return TryRead(durableSequence, out record);
        }

        var size = BinaryPrimitives.ReadInt32LittleEndian(_header);
        if (size != RecordCodec.Size || RandomAccess.Read(_file!, _payload, _offset + JournalFormat.HeaderSize) < size
            || Crc32C.Compute(_payload, Crc32C.Compute(_header.AsSpan(0, 4))) != BinaryPrimitives.ReadUInt32LittleEndian(_header.AsSpan(4)))
        {
            throw new JournalCorruptException(_path, _offset, NextSequence - 1, $"the frame of durable record {NextSequence} is damaged");
        }

        if (!RecordCodec.TryDecode(_payload, out var decoded, out var problem) || decoded.Sequence != NextSequence)
        {
            throw new JournalCorruptException(_path, _offset, NextSequence - 1, problem ?? $"sequence {decoded.Sequence} where {NextSequence} must follow");
        }

        _offset += JournalFormat.HeaderSize + size;
        NextSequence++;
        record = _payload;
        return true;
    }

    public void Dispose() => _file?.Dispose();

    private void Open(string path)
    {
        _file?.Dispose();
        _file = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        (_path, _offset) = (path, 0);
    }
}
