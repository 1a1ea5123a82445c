using System.Buffers.Binary;

namespace LowLatency.Fix.Session;

/// <summary>
/// A session's sequence numbers and the messages it sent, so a restart continues the session and a ResendRequest
/// can be answered. Two files per session: <c>.seqnums</c> (next sender and target numbers, and when this FIX
/// session began) rewritten in place, and <c>.messages</c>, an append-only log of
/// <c>[length][seq][bytes]</c> records whose torn tail, if a crash left one, is cut on open. Used by the session's
/// I/O threads under the session's lock only.
/// </summary>
public sealed class SessionStore : IDisposable
{
    private const int RecordHeader = 12;
    private readonly Dictionary<long, (long Offset, int Length)> _index = [];
    private readonly Dictionary<long, byte[]> _memory = [];
    private readonly FileStream? _seqFile;
    private readonly FileStream? _messageFile;
    private readonly bool _fsync;
    private readonly byte[] _seqBuffer = new byte[24];

    private SessionStore(FileStream? seqFile, FileStream? messageFile, bool fsync)
    {
        _seqFile = seqFile;
        _messageFile = messageFile;
        _fsync = fsync;
        CreatedUtc = DateTime.UtcNow;
    }

    public long NextSenderSeq { get; private set; } = 1;

    public long NextTargetSeq { get; private set; } = 1;

    /// <summary>When this FIX session (sequence numbers from 1) began.</summary>
    public DateTime CreatedUtc { get; private set; }

    public static SessionStore InMemory() => new(null, null, false);

    /// <summary>Opens (or creates) the files for <paramref name="name"/> under <paramref name="directory"/>.</summary>
    public static SessionStore Open(string directory, string name, bool fsync)
    {
        Directory.CreateDirectory(directory);
        var safe = string.Concat(name.Select(c => char.IsLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '_'));
        var seq = new FileStream(Path.Combine(directory, safe + ".seqnums"), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.Read);
        var messages = new FileStream(Path.Combine(directory, safe + ".messages"), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.Read);
        var store = new SessionStore(seq, messages, fsync);
        store.Load();
        return store;
    }

    /// <summary>Keeps a sent message for resending; the caller then advances <see cref="NextSenderSeq"/>.</summary>
    public void Save(long seq, ReadOnlySpan<byte> message)
    {
        if (_messageFile is null)
        {
            _memory[seq] = message.ToArray();
            return;
        }

        Span<byte> header = stackalloc byte[RecordHeader];
        BinaryPrimitives.WriteInt32LittleEndian(header, message.Length);
        BinaryPrimitives.WriteInt64LittleEndian(header[4..], seq);
        var offset = _messageFile.Length;
        _messageFile.Position = offset;
        _messageFile.Write(header);
        _messageFile.Write(message);
        _index[seq] = (offset + RecordHeader, message.Length);
    }

    /// <summary>A sent message, or false when it is not kept (sent before a reset, or never).</summary>
    public bool TryGet(long seq, out byte[] message)
    {
        if (_messageFile is null)
        {
            var found = _memory.TryGetValue(seq, out var kept);
            message = kept ?? [];
            return found;
        }

        if (!_index.TryGetValue(seq, out var at))
        {
            message = [];
            return false;
        }

        message = new byte[at.Length];
        RandomAccess.Read(_messageFile.SafeFileHandle, message, at.Offset);
        return true;
    }

    /// <summary>Every kept message, oldest first (start-up only: it reads the whole log).</summary>
    public IReadOnlyList<byte[]> All()
    {
        var sequences = _messageFile is null ? _memory.Keys.Order() : _index.Keys.Order();
        var all = new List<byte[]>();
        foreach (var seq in sequences)
        {
            if (TryGet(seq, out var message))
            {
                all.Add(message);
            }
        }

        return all;
    }

    public void SetNextSender(long next)
    {
        NextSenderSeq = next;
        WriteSeqNums();
    }

    public void SetNextTarget(long next)
    {
        if (next != NextTargetSeq)
        {
            NextTargetSeq = next;
            WriteSeqNums();
        }
    }

    /// <summary>A new FIX session: both numbers back to 1 and no sent messages kept.</summary>
    public void Reset(DateTime createdUtc)
    {
        NextSenderSeq = 1;
        NextTargetSeq = 1;
        CreatedUtc = createdUtc;
        _index.Clear();
        _memory.Clear();
        _messageFile?.SetLength(0);
        WriteSeqNums();
    }

    /// <summary>Makes what was written durable as the store's policy says: to the operating system, or to the disk.</summary>
    public void Flush()
    {
        _messageFile?.Flush(_fsync);
        _seqFile?.Flush(_fsync);
    }

    public void Dispose()
    {
        _messageFile?.Dispose();
        _seqFile?.Dispose();
    }

    private void WriteSeqNums()
    {
        if (_seqFile is null)
        {
            return;
        }

        BinaryPrimitives.WriteInt64LittleEndian(_seqBuffer, NextSenderSeq);
        BinaryPrimitives.WriteInt64LittleEndian(_seqBuffer.AsSpan(8), NextTargetSeq);
        BinaryPrimitives.WriteInt64LittleEndian(_seqBuffer.AsSpan(16), CreatedUtc.Ticks);
        RandomAccess.Write(_seqFile.SafeFileHandle, _seqBuffer, 0);
    }

    private void Load()
    {
        if (_seqFile!.Length >= 24)
        {
            RandomAccess.Read(_seqFile.SafeFileHandle, _seqBuffer, 0);
            NextSenderSeq = Math.Max(1, BinaryPrimitives.ReadInt64LittleEndian(_seqBuffer));
            NextTargetSeq = Math.Max(1, BinaryPrimitives.ReadInt64LittleEndian(_seqBuffer.AsSpan(8)));
            var ticks = BinaryPrimitives.ReadInt64LittleEndian(_seqBuffer.AsSpan(16));
            CreatedUtc = ticks > 0 && ticks < DateTime.MaxValue.Ticks ? new DateTime(ticks, DateTimeKind.Utc) : DateTime.UtcNow;
        }
        else
        {
            WriteSeqNums();
        }

        var file = _messageFile!;
        var length = file.Length;
        long offset = 0;
        Span<byte> header = stackalloc byte[RecordHeader];
        while (offset + RecordHeader <= length)
        {
            RandomAccess.Read(file.SafeFileHandle, header, offset);
            var size = BinaryPrimitives.ReadInt32LittleEndian(header);
            var seq = BinaryPrimitives.ReadInt64LittleEndian(header[4..]);
            if (size <= 0 || offset + RecordHeader + size > length || seq <= 0)
            {
                break;
            }

            _index[seq] = (offset + RecordHeader, size);
            offset += RecordHeader + size;
        }

        if (offset != length)
        {
            file.SetLength(offset); // a torn last record: the message was never sent whole
        }
    }
}
