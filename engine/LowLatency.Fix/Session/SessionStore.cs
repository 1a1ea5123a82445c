using System.Buffers.Binary;
using System.Numerics;
using LowLatency.Fix.Wire;

namespace LowLatency.Fix.Session;

/// <summary>
/// A session's sequence numbers and the messages it sent, so a restart continues the session and a ResendRequest
/// can be answered. Two memory-mapped files per session (<see cref="StoreRegion"/>): <c>.seqnums</c> (next sender
/// and target numbers, and when this FIX session began) and <c>.messages</c>, a log of <c>[length][seq][bytes]</c>
/// records, each written body first and length last so a record a crash tore ends the log when it is read again.
/// Only the last <see cref="KeptMessages"/> messages are indexed (older ones are gap-filled on a resend), so memory
/// stays bounded however long the session. Used by the session's threads under the session's lock only.
/// </summary>
public sealed class SessionStore : IDisposable
{
    private const int RecordHeader = 12;
    private const int SeqNumsLength = 24;
    private readonly (long Seq, long Offset, int Length)[] _index;
    private readonly long _mask;
    private readonly StoreRegion _seqNums;
    private readonly StoreRegion _messages;
    private readonly bool _inMemory;
    private readonly bool _fsync;
    private long _end; // where the next record goes

    private SessionStore(StoreRegion seqNums, StoreRegion messages, bool inMemory, bool fsync, int keptMessages)
    {
        _seqNums = seqNums;
        _messages = messages;
        _inMemory = inMemory;
        _fsync = fsync;
        KeptMessages = (int)Math.Min(1 << 24, BitOperations.RoundUpToPowerOf2((uint)Math.Max(16, keptMessages)));
        _index = new (long, long, int)[KeptMessages];
        _mask = KeptMessages - 1;
        CreatedUtc = DateTime.UtcNow;
    }

    public long NextSenderSeq { get; private set; } = 1;

    public long NextTargetSeq { get; private set; } = 1;

    /// <summary>When this FIX session (sequence numbers from 1) began.</summary>
    public DateTime CreatedUtc { get; private set; }

    /// <summary>How many of the most recent sent messages are kept for resending (a power of two).</summary>
    public int KeptMessages { get; }

    public static SessionStore InMemory(int keptMessages = 65_536)
    {
        var store = new SessionStore(StoreRegion.InMemory(SeqNumsLength), StoreRegion.InMemory(1 << 16), inMemory: true, fsync: false, keptMessages);
        store.WriteSeqNums();
        return store;
    }

    /// <summary>Opens (or creates) the files for <paramref name="name"/> under <paramref name="directory"/>.</summary>
    public static SessionStore Open(string directory, string name, bool fsync, int keptMessages = 65_536)
    {
        Directory.CreateDirectory(directory);
        var safe = string.Concat(name.Select(c => char.IsLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '_'));
        var seqNums = StoreRegion.OpenFile(Path.Combine(directory, safe + ".seqnums"), 4096);
        var messages = StoreRegion.OpenFile(Path.Combine(directory, safe + ".messages"), 1 << 20);
        var store = new SessionStore(seqNums, messages, inMemory: false, fsync, keptMessages);
        store.Load();
        return store;
    }

    /// <summary>Keeps a sent message for resending; the caller then advances <see cref="NextSenderSeq"/>. Allocates nothing.</summary>
    public void Save(long seq, ReadOnlySpan<byte> message)
    {
        var end = _end + RecordHeader + message.Length;
        if (end > _messages.Capacity && _inMemory)
        {
            Compact();
            end = _end + RecordHeader + message.Length;
        }

        _messages.EnsureCapacity(end);
        message.CopyTo(_messages.Span(_end + RecordHeader, message.Length));
        BinaryPrimitives.WriteInt64LittleEndian(_messages.Span(_end + 4, 8), seq);
        BinaryPrimitives.WriteInt32LittleEndian(_messages.Span(_end, 4), message.Length); // last: a torn record reads as the log's end
        _index[seq & _mask] = (seq, _end + RecordHeader, message.Length);
        _end = end;
    }

    /// <summary>A sent message, or false when it is not kept (sent before a reset, too long ago, or never).</summary>
    public bool TryGet(long seq, out byte[] message)
    {
        var at = _index[seq & _mask];
        if (seq <= 0 || at.Seq != seq)
        {
            message = [];
            return false;
        }

        message = _messages.Span(at.Offset, at.Length).ToArray();
        return true;
    }

    /// <summary>Every kept message, oldest first (start-up only: it copies them all).</summary>
    public IReadOnlyList<byte[]> All()
    {
        var all = new List<byte[]>();
        foreach (var (seq, _, _) in _index.Where(e => e.Seq > 0).OrderBy(e => e.Seq))
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
        Array.Clear(_index);
        _messages.Span(0, (int)Math.Min(_end + RecordHeader, _messages.Capacity)).Clear();
        _end = 0;
        WriteSeqNums();
    }

    /// <summary>
    /// Makes what was written durable as the store's policy says. Without fsync it already is, as far as the
    /// operating system goes (the files are mapped): nothing to do.
    /// </summary>
    public void Flush()
    {
        if (_fsync)
        {
            _messages.Sync();
            _seqNums.Sync();
        }
    }

    public void Dispose()
    {
        _messages.Dispose();
        _seqNums.Dispose();
    }

    private void WriteSeqNums()
    {
        var span = _seqNums.Span(0, SeqNumsLength);
        BinaryPrimitives.WriteInt64LittleEndian(span, NextSenderSeq);
        BinaryPrimitives.WriteInt64LittleEndian(span[8..], NextTargetSeq);
        BinaryPrimitives.WriteInt64LittleEndian(span[16..], CreatedUtc.Ticks);
    }

    /// <summary>In memory only: the kept messages moved to the front, so the array holds what is indexed, not the whole session.</summary>
    private void Compact()
    {
        var kept = _index.Where(e => e.Seq > 0).OrderBy(e => e.Seq).ToArray();
        long to = 0;
        foreach (var (seq, offset, length) in kept)
        {
            _messages.Span(offset - RecordHeader, RecordHeader + length).CopyTo(_messages.Span(to, RecordHeader + length));
            _index[seq & _mask] = (seq, to + RecordHeader, length);
            to += RecordHeader + length;
        }

        _end = to;
    }

    private void Load()
    {
        var numbers = _seqNums.Span(0, SeqNumsLength);
        var ticks = BinaryPrimitives.ReadInt64LittleEndian(numbers[16..]);
        if (ticks > 0 && ticks < DateTime.MaxValue.Ticks)
        {
            NextSenderSeq = Math.Max(1, BinaryPrimitives.ReadInt64LittleEndian(numbers));
            NextTargetSeq = Math.Max(1, BinaryPrimitives.ReadInt64LittleEndian(numbers[8..]));
            CreatedUtc = new DateTime(ticks, DateTimeKind.Utc);
        }
        else
        {
            WriteSeqNums(); // a new store
        }

        long offset = 0;
        long last = 0;
        var capacity = _messages.Capacity;
        while (offset + RecordHeader <= capacity)
        {
            var size = BinaryPrimitives.ReadInt32LittleEndian(_messages.Span(offset, 4));
            var seq = BinaryPrimitives.ReadInt64LittleEndian(_messages.Span(offset + 4, 8));
            if (size <= 0 || offset + RecordHeader + size > capacity || seq <= last)
            {
                break;
            }

            _index[seq & _mask] = (seq, offset + RecordHeader, size);
            last = seq;
            offset += RecordHeader + size;
        }

        _end = offset;
        // Only the last record can be torn, and no record is longer than a frame: clearing that much past the end
        // means no stale bytes are ever read as a record, without touching the rest of a sparse file.
        _messages.Span(offset, (int)Math.Min(capacity - offset, RecordHeader + FixFrame.MaxBodyLength + 64)).Clear();
    }
}
