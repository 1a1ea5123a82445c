namespace LowLatency.Binance;

/// <summary>
/// One side of a price-aggregated book, best first, in fixed arrays (no allocation once built). Full, it keeps the
/// best levels: a new level better than the worst pushes the worst out, one worse than all is not kept. So the top
/// is exact, and after removals the far end can be shorter than the exchange's.
/// </summary>
public sealed class PriceLevelSide
{
    private readonly decimal[] _prices;
    private readonly decimal[] _quantities;
    private readonly bool _bids;

    public PriceLevelSide(bool bids, int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        _bids = bids;
        _prices = new decimal[capacity];
        _quantities = new decimal[capacity];
    }

    public int Count { get; private set; }

    public decimal PriceAt(int level) => _prices[level];

    public decimal QuantityAt(int level) => _quantities[level];

    public void Clear() => Count = 0;

    /// <summary>Sets the quantity at <paramref name="price"/>: zero removes the level.</summary>
    public void Set(decimal price, decimal quantity)
    {
        var at = Find(price, out var found);
        if (quantity == 0)
        {
            if (found)
            {
                Array.Copy(_prices, at + 1, _prices, at, Count - at - 1);
                Array.Copy(_quantities, at + 1, _quantities, at, Count - at - 1);
                Count--;
            }

            return;
        }

        if (found)
        {
            _quantities[at] = quantity;
            return;
        }

        if (at == _prices.Length)
        {
            return; // worse than every kept level of a full side
        }

        var moved = Math.Min(Count, _prices.Length - 1) - at;
        Array.Copy(_prices, at, _prices, at + 1, moved);
        Array.Copy(_quantities, at, _quantities, at + 1, moved);
        _prices[at] = price;
        _quantities[at] = quantity;
        Count = Math.Min(Count + 1, _prices.Length);
    }

    /// <summary>Binary search in best-first order: the level's index, or where it would go.</summary>
    private int Find(decimal price, out bool found)
    {
        var (low, high) = (0, Count - 1);
        while (low <= high)
        {
            var middle = (low + high) >> 1;
            var compared = _prices[middle].CompareTo(price);
            if (compared == 0)
            {
                found = true;
                return middle;
            }

            if (_bids ? compared > 0 : compared < 0)
            {
                low = middle + 1; // the middle level is better: the price goes after it
            }
            else
            {
                high = middle - 1;
            }
        }

        found = false;
        return low;
    }
}
