namespace LowLatency.Fix.MarketData;

/// <summary>
/// One side of a venue's book as its market data describes it: price levels best first, each with the
/// MDEntryID the venue gave it. Entries are found by id, or by MDEntryPositionNo for venues that key their book
/// by position (a new entry shifts those below it down, a delete shifts them up). Fixed capacity, preallocated:
/// applying an entry allocates nothing.
/// </summary>
public sealed class BookSide
{
    /// <summary>Longer ids than this are refused (venues use short ones; the limit keeps the ids in one buffer).</summary>
    public const int MaxIdLength = 48;

    private readonly bool _bids;
    private readonly decimal[] _prices;
    private readonly decimal[] _sizes;
    private readonly byte[] _ids;
    private readonly int[] _idLengths;

    public BookSide(bool bids, int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        _bids = bids;
        _prices = new decimal[capacity];
        _sizes = new decimal[capacity];
        _ids = new byte[capacity * MaxIdLength];
        _idLengths = new int[capacity];
    }

    public int Count { get; private set; }

    public int Capacity => _prices.Length;

    public decimal PriceAt(int level) => _prices[level];

    public decimal SizeAt(int level) => _sizes[level];

    public void Clear() => Count = 0;

    /// <summary>A new level: at <paramref name="position"/> when the venue gives one, else in price order (after equal prices).</summary>
    public BookOutcome Add(ReadOnlySpan<byte> id, decimal price, decimal size, int position)
    {
        if (id.Length > MaxIdLength)
        {
            return BookOutcome.BadEntry;
        }

        var existing = id.IsEmpty ? -1 : Find(id);
        if (existing >= 0)
        {
            RemoveAt(existing); // a venue restating an entry it already sent: the later one holds
        }

        if (Count == Capacity)
        {
            return BookOutcome.Overflow;
        }

        var at = position > 0 ? Math.Min(position - 1, Count) : SortedIndex(price);
        Array.Copy(_prices, at, _prices, at + 1, Count - at);
        Array.Copy(_sizes, at, _sizes, at + 1, Count - at);
        Array.Copy(_idLengths, at, _idLengths, at + 1, Count - at);
        Buffer.BlockCopy(_ids, at * MaxIdLength, _ids, (at + 1) * MaxIdLength, (Count - at) * MaxIdLength);
        Set(at, id, price, size);
        Count++;
        return BookOutcome.Applied;
    }

    /// <summary>
    /// A level's new size (and perhaps price), found by <paramref name="refId"/> when given (the level then takes
    /// <paramref name="id"/>), else by id, else by position. A change to size zero removes the level.
    /// </summary>
    public BookOutcome Change(ReadOnlySpan<byte> id, ReadOnlySpan<byte> refId, decimal price, decimal size, int position)
    {
        var at = Locate(refId.IsEmpty ? id : refId, position);
        if (at < 0)
        {
            return BookOutcome.UnknownEntry;
        }

        if (size <= 0)
        {
            RemoveAt(at);
            return BookOutcome.Applied;
        }

        if (_prices[at] == price || position > 0)
        {
            Set(at, id.IsEmpty ? Id(at) : id, price, size);
            return BookOutcome.Applied;
        }

        // The level moved: take it out and put it back in price order under its (perhaps new) id.
        Span<byte> kept = stackalloc byte[MaxIdLength];
        var keptId = id.IsEmpty ? Copy(Id(at), kept) : id;
        RemoveAt(at);
        return Add(keptId, price, size, 0);
    }

    public BookOutcome Delete(ReadOnlySpan<byte> id, int position)
    {
        var at = Locate(id, position);
        if (at < 0)
        {
            return BookOutcome.UnknownEntry;
        }

        RemoveAt(at);
        return BookOutcome.Applied;
    }

    private static ReadOnlySpan<byte> Copy(ReadOnlySpan<byte> from, Span<byte> to)
    {
        from.CopyTo(to);
        return to[..from.Length];
    }

    private ReadOnlySpan<byte> Id(int at) => _ids.AsSpan(at * MaxIdLength, _idLengths[at]);

    private int Locate(ReadOnlySpan<byte> id, int position)
    {
        if (!id.IsEmpty)
        {
            return Find(id);
        }

        return position > 0 && position <= Count ? position - 1 : -1;
    }

    private int Find(ReadOnlySpan<byte> id)
    {
        for (var i = 0; i < Count; i++)
        {
            if (Id(i).SequenceEqual(id))
            {
                return i;
            }
        }

        return -1;
    }

    private int SortedIndex(decimal price)
    {
        var at = 0;
        while (at < Count && (_bids ? _prices[at] >= price : _prices[at] <= price))
        {
            at++;
        }

        return at;
    }

    private void Set(int at, ReadOnlySpan<byte> id, decimal price, decimal size)
    {
        _prices[at] = price;
        _sizes[at] = size;
        var slot = _ids.AsSpan(at * MaxIdLength, MaxIdLength);
        if (!id.Overlaps(slot))
        {
            id.CopyTo(slot);
        }

        _idLengths[at] = id.Length;
    }

    private void RemoveAt(int at)
    {
        Count--;
        Array.Copy(_prices, at + 1, _prices, at, Count - at);
        Array.Copy(_sizes, at + 1, _sizes, at, Count - at);
        Array.Copy(_idLengths, at + 1, _idLengths, at, Count - at);
        Buffer.BlockCopy(_ids, (at + 1) * MaxIdLength, _ids, at * MaxIdLength, (Count - at) * MaxIdLength);
    }
}
