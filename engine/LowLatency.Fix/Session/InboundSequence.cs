using System.Buffers;

namespace LowLatency.Fix.Session;

/// <summary>
/// The incoming numbering of one session: the number expected next, the gap asked for again, messages that
/// arrived ahead of a gap (held, then processed in order once it is filled, so a reordering costs one
/// ResendRequest for exactly the missing numbers), and what the application confirmed processed. Everything but
/// <see cref="Token(long)"/>, <see cref="MarkProcessed"/> and <see cref="ProcessedThrough"/> is used under the session's lock.
/// </summary>
internal sealed class InboundSequence
{
    private const int EpochShift = 40; // sequence numbers below 2^40; epochs above
    private const int MaxHeld = 10_000;
    private const long MaxHeldBytes = 16 << 20;
    private readonly SortedList<long, (byte[] Buffer, int Length)> _held = [];
    private readonly Queue<long> _unconfirmed = new();
    private long _heldBytes;
    private long _confirmed;
    private long _epoch;

    /// <summary>The number the next in-sequence message carries.</summary>
    public long Expected { get; set; } = 1;

    /// <summary>The last number of the gap a ResendRequest is out for; 0 when none is.</summary>
    public long ResendThrough { get; set; }

    /// <summary>The lowest number held ahead of a gap; 0 when none is.</summary>
    public long FirstHeld => _held.Count == 0 ? 0 : _held.Keys[0];

    public int HeldCount => _held.Count;

    /// <summary>The current numbering's epoch (one per reset of the numbers), as tokens carry it.</summary>
    public long Epoch => Volatile.Read(ref _epoch);

    public long Token(long seq) => Token(Epoch, seq);

    public static long Token(long epoch, long seq) => (epoch << EpochShift) | seq;

    /// <summary>The highest incoming number of this numbering the application confirmed processed.</summary>
    public long ProcessedThrough => Volatile.Read(ref _confirmed);

    /// <summary>Any thread, allocation-free: a confirmation of an older epoch confirms nothing.</summary>
    public void MarkProcessed(long token)
    {
        if (token >> EpochShift != Volatile.Read(ref _epoch))
        {
            return;
        }

        var seq = token & ((1L << EpochShift) - 1);
        long seen;
        while ((seen = Volatile.Read(ref _confirmed)) < seq && Interlocked.CompareExchange(ref _confirmed, seq, seen) != seen)
        {
        }

        if (token >> EpochShift != Volatile.Read(ref _epoch))
        {
            Interlocked.CompareExchange(ref _confirmed, 0, seq); // a reset raced this: take back what it confirmed
        }
    }

    /// <summary>An application message handed on, to be confirmed before a restart may pass it.</summary>
    public void AwaitConfirmation(long seq) => _unconfirmed.Enqueue(seq);

    /// <summary>The incoming number a restart may continue from: never past a message the application has not confirmed.</summary>
    public long Persistable()
    {
        var confirmed = ProcessedThrough;
        while (_unconfirmed.Count > 0 && _unconfirmed.Peek() <= confirmed)
        {
            _unconfirmed.Dequeue();
        }

        return _unconfirmed.Count > 0 ? Math.Min(_unconfirmed.Peek(), Expected) : Expected;
    }

    /// <summary>Keeps a message that came ahead of a gap (a copy); false when it is held already or the limits are reached (it is asked for again).</summary>
    public bool Hold(long seq, ReadOnlySpan<byte> raw)
    {
        if (_held.ContainsKey(seq) || _held.Count >= MaxHeld || _heldBytes + raw.Length > MaxHeldBytes)
        {
            return false;
        }

        var buffer = ArrayPool<byte>.Shared.Rent(raw.Length);
        raw.CopyTo(buffer);
        _held.Add(seq, (buffer, raw.Length));
        _heldBytes += raw.Length;
        return true;
    }

    /// <summary>The held message with the expected number, if any (those below it, now duplicates, are dropped). Give the buffer back with <see cref="Return"/>.</summary>
    public bool TryTakeNext(out byte[] buffer, out int length)
    {
        while (_held.Count > 0 && _held.Keys[0] <= Expected)
        {
            var (seq, (held, heldLength)) = (_held.Keys[0], _held.Values[0]);
            _held.RemoveAt(0);
            _heldBytes -= heldLength;
            if (seq == Expected)
            {
                (buffer, length) = (held, heldLength);
                return true;
            }

            Return(held);
        }

        (buffer, length) = ([], 0);
        return false;
    }

    public static void Return(byte[] buffer) => ArrayPool<byte>.Shared.Return(buffer);

    /// <summary>A new numbering: from 1, nothing held, asked for or confirmed of the old one.</summary>
    public void Reset()
    {
        Expected = 1;
        ResendThrough = 0;
        DropHeld();
        _unconfirmed.Clear();
        Interlocked.Increment(ref _epoch);
        Volatile.Write(ref _confirmed, 0);
    }

    /// <summary>A new connection: what was held or asked for on the last one is asked for again if still missing.</summary>
    public void Disconnected()
    {
        ResendThrough = 0;
        DropHeld();
    }

    private void DropHeld()
    {
        foreach (var (buffer, _) in _held.Values)
        {
            Return(buffer);
        }

        _held.Clear();
        _heldBytes = 0;
    }
}
