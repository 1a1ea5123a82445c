using LowLatency.Engine.MarketData;

namespace LowLatency.Bridge.Realtime;

/// <summary>
/// What one client asked for: symbols (exactly as subscribed, per Socket.IO namespace), candle timeframes per
/// symbol, and event channels (orders, fills, positions). Thread-safe: the client's read loop writes, the
/// publisher reads.
/// </summary>
public sealed class Subscriptions
{
    private readonly Lock _lock = new();
    private readonly List<(string Namespace, string Symbol, int InstrumentId)> _prices = [];
    private readonly List<(string Symbol, int InstrumentId, Timeframe Timeframe)> _candles = [];
    private readonly HashSet<string> _channels = new(StringComparer.OrdinalIgnoreCase);

    public void AddPrice(string ns, string symbol, int instrumentId)
    {
        lock (_lock)
        {
            if (!_prices.Contains((ns, symbol, instrumentId)))
            {
                _prices.Add((ns, symbol, instrumentId));
            }
        }
    }

    public void RemovePrice(string ns, string symbol)
    {
        lock (_lock)
        {
            _prices.RemoveAll(p => p.Namespace == ns && p.Symbol == symbol);
            _candles.RemoveAll(c => c.Symbol == symbol);
        }
    }

    public void RemoveNamespace(string ns)
    {
        lock (_lock)
        {
            _prices.RemoveAll(p => p.Namespace == ns);
        }
    }

    public void AddCandles(string symbol, int instrumentId, Timeframe timeframe)
    {
        lock (_lock)
        {
            if (!_candles.Contains((symbol, instrumentId, timeframe)))
            {
                _candles.Add((symbol, instrumentId, timeframe));
            }
        }
    }

    public void AddChannel(string channel)
    {
        lock (_lock)
        {
            _channels.Add(channel);
        }
    }

    public void RemoveChannel(string channel)
    {
        lock (_lock)
        {
            _channels.Remove(channel);
        }
    }

    public bool HasChannel(string channel)
    {
        lock (_lock)
        {
            return _channels.Contains(channel);
        }
    }

    /// <summary>The (namespace, symbol) pairs subscribed for one instrument, copied into <paramref name="into"/>.</summary>
    public void PricesFor(int instrumentId, List<(string Namespace, string Symbol)> into)
    {
        lock (_lock)
        {
            foreach (var p in _prices)
            {
                if (p.InstrumentId == instrumentId)
                {
                    into.Add((p.Namespace, p.Symbol));
                }
            }
        }
    }

    public void CandlesFor(int instrumentId, List<(string Symbol, Timeframe Timeframe)> into)
    {
        lock (_lock)
        {
            foreach (var c in _candles)
            {
                if (c.InstrumentId == instrumentId)
                {
                    into.Add((c.Symbol, c.Timeframe));
                }
            }
        }
    }
}
