using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text;
using LowLatency.Bridge.Engine;
using LowLatency.Engine.MarketData;

namespace LowLatency.Bridge.Realtime;

/// <summary>
/// The fan-out: every connected client's session, and publishing of prices, candles and trading events to
/// those that subscribed. Called from the engine link's read loop; never waits on a client. Each distinct frame
/// is encoded once per publish and the same bytes go to every client that gets it. A watchdog disconnects
/// clients whose current send has not completed within the send timeout.
/// </summary>
public sealed class RealtimeHub : IDisposable
{
    private readonly ConcurrentDictionary<long, RealtimeSession> _sessions = new();
    private readonly List<(string Namespace, string Symbol)> _priceTargets = [];
    private readonly List<(string Symbol, Timeframe Timeframe)> _candleTargets = [];
    private readonly Dictionary<string, string> _payloads = [];
    private readonly Dictionary<(string Kind, string Namespace, string Symbol), byte[]> _frames = [];
    private readonly RealtimeOptions _options;
    private readonly Timer _watchdog;
    private long _nextId;

    public RealtimeHub(RealtimeOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        var timeoutTicks = (long)(options.SendTimeoutMs / 1000.0 * Stopwatch.Frequency);
        var period = TimeSpan.FromMilliseconds(Math.Clamp(options.SendTimeoutMs / 4, 10, 1000));
        _watchdog = new Timer(_ =>
        {
            var now = Stopwatch.GetTimestamp();
            foreach (var session in _sessions.Values)
            {
                session.AbortIfStuck(now, timeoutTicks);
            }
        }, null, period, period);
    }

    public RealtimeOptions Options => _options;

    public void Dispose() => _watchdog.Dispose();

    public int Count => _sessions.Count;

    public int CountOf(string kind) => _sessions.Values.Count(s => s.Kind == kind);

    /// <summary>Clients disconnected for being too slow, ever.</summary>
    public long SlowDisconnects => Interlocked.Read(ref _slowDisconnects);

    private long _slowDisconnects;

    /// <summary>Server stopping: every client's loops end and its socket closes.</summary>
    public void AbortAll(string reason)
    {
        foreach (var session in _sessions.Values)
        {
            session.Abort(reason);
        }
    }

    public RealtimeSession Open(string kind)
    {
        var session = new RealtimeSession(Interlocked.Increment(ref _nextId), kind, _options.QueueCapacity);
        _sessions[session.Id] = session;
        return session;
    }

    public void Close(RealtimeSession session)
    {
        ArgumentNullException.ThrowIfNull(session);
        if (_sessions.TryRemove(session.Id, out _) && session.AbortReason?.StartsWith("too slow", StringComparison.Ordinal) == true)
        {
            Interlocked.Increment(ref _slowDisconnects);
        }
    }

    /// <summary>A new price for one instrument: the latest frame per subscribed (namespace, symbol) of every client.</summary>
    public void PublishPrice(int instrumentId, in PriceSummary price)
    {
        lock (_payloads)
        {
            _payloads.Clear();
            _frames.Clear();
            foreach (var session in _sessions.Values)
            {
                _priceTargets.Clear();
                session.Subscriptions.PricesFor(instrumentId, _priceTargets);
                foreach (var (ns, symbol) in _priceTargets)
                {
                    if (!_frames.TryGetValue((session.Kind, ns, symbol), out var frame))
                    {
                        if (!_payloads.TryGetValue(symbol, out var json))
                        {
                            json = Frames.PriceUpdate(symbol, price);
                            _payloads[symbol] = json;
                        }

                        frame = Encoding.UTF8.GetBytes(Frames.Event(session.Kind, ns, "price_update", json));
                        _frames[(session.Kind, ns, symbol)] = frame;
                    }

                    session.OfferPrice(PriceKey(ns, symbol), frame);
                }
            }
        }
    }

    /// <summary>The forming candles of one instrument for clients that asked for candle timeframes.</summary>
    public void PublishCandles(int instrumentId, BarAggregator bars)
    {
        ArgumentNullException.ThrowIfNull(bars);
        lock (_payloads)
        {
            foreach (var session in _sessions.Values)
            {
                _candleTargets.Clear();
                session.Subscriptions.CandlesFor(instrumentId, _candleTargets);
                foreach (var (symbol, timeframe) in _candleTargets)
                {
                    if (bars.TryGetOpenBar(instrumentId, timeframe, out var bar))
                    {
                        session.OfferPrice($"c|{symbol}|{timeframe}", Frames.Event(session.Kind, "/", "candle_update", Frames.Candle(symbol, timeframe, bar)));
                    }
                }
            }
        }
    }

    /// <summary>A trading event (order, fill, position) to every client on <paramref name="channel"/>; never conflated.</summary>
    public void PublishEvent(string channel, string name, string json)
    {
        byte[]? socketIo = null;
        byte[]? native = null;
        foreach (var session in _sessions.Values)
        {
            if (session.Subscriptions.HasChannel(channel))
            {
                var frame = session.Kind == Frames.SocketIo
                    ? socketIo ??= Encoding.UTF8.GetBytes(Frames.Event(Frames.SocketIo, "/", name, json))
                    : native ??= Encoding.UTF8.GetBytes(Frames.Event(Frames.WebSocket, "/", name, json));
                session.Enqueue(frame);
            }
        }
    }

    /// <summary>The conflation key of a symbol's prices on a namespace (one slot per client).</summary>
    public static string PriceKey(string ns, string symbol) => string.Concat("p|", ns, "|", symbol);
}
