using LowLatency.Analytics;
using LowLatency.Engine.MarketData;

namespace LowLatency.Ipc.Server;

/// <summary>
/// The last closed one-minute bars of each instrument, oldest first, in rings allocated up front. Written and read
/// by the link's publisher thread only.
/// </summary>
public sealed class BarHistory
{
    private readonly OhlcvBar[][] _bars;
    private readonly int[] _count;
    private readonly int[] _next;

    /// <param name="instruments">Instrument ids are 0 … <paramref name="instruments"/> − 1.</param>
    /// <param name="capacity">Bars kept per instrument; 0 keeps none.</param>
    public BarHistory(int instruments, int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(instruments);
        ArgumentOutOfRangeException.ThrowIfNegative(capacity);
        _bars = [.. Enumerable.Range(0, instruments).Select(_ => new OhlcvBar[capacity])];
        _count = new int[instruments];
        _next = new int[instruments];
    }

    public int Capacity => _bars.Length == 0 ? 0 : _bars[0].Length;

    /// <summary>Bars held for one instrument.</summary>
    public int Count(int instrumentId) => _count[instrumentId];

    /// <summary>Keeps a closed bar, dropping the instrument's oldest when full.</summary>
    public void Add(int instrumentId, in OhlcvBar bar)
    {
        var ring = _bars[instrumentId];
        if (ring.Length == 0)
        {
            return;
        }

        ring[_next[instrumentId]] = bar;
        _next[instrumentId] = (_next[instrumentId] + 1) % ring.Length;
        _count[instrumentId] = Math.Min(_count[instrumentId] + 1, ring.Length);
    }

    /// <summary>The instrument's <paramref name="index"/>-th bar held, 0 being the oldest.</summary>
    public ref readonly OhlcvBar this[int instrumentId, int index]
    {
        get
        {
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual((uint)index, (uint)_count[instrumentId], nameof(index));
            var ring = _bars[instrumentId];
            var oldest = (_next[instrumentId] - _count[instrumentId] + ring.Length) % ring.Length;
            return ref ring[(oldest + index) % ring.Length];
        }
    }
}
