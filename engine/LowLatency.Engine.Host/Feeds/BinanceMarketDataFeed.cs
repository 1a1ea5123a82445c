using System.Diagnostics;
using System.Net.WebSockets;
using LowLatency.Disruptor;
using LowLatency.Binance;
using LowLatency.Engine.MarketData;
using LowLatency.Engine.Pipeline;
using LowLatency.History;
using Microsoft.Extensions.Logging;

namespace LowLatency.Engine.Host.Feeds;

/// <summary>
/// Binance's market data as a feed (type <c>binance</c>): one combined-stream connection carrying each
/// instrument's quotes (<c>bookTicker</c>, or with <see cref="BinanceFeedOptions.Depth"/> the top of a local depth
/// book kept by Binance's rule), its trades and its 1m klines (closed ones into the history store). Quotes are
/// published into the ring as ticks at the instrument's ticks; locked, crossed and malformed ones are refused and
/// counted, logged once per burst. The server's pings are answered by the WebSocket itself; a lost or closed
/// connection is reopened after a back-off with jitter (doubling while attempts fail) with the same streams. Its own
/// thread; one message buffer, reused; nothing allocated per quote, trade or diff.
/// </summary>
public sealed partial class BinanceMarketDataFeed : ThreadedFeed
{
    private const int MessageBytes = 1 << 16;
    private static readonly TimeSpan InitialDelay = TimeSpan.FromMilliseconds(250);
    private static readonly TimeSpan MaxDelay = TimeSpan.FromSeconds(30);

    private readonly BinanceSubscription[] _subscriptions;
    private readonly BinanceFeedOptions _options;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _stop = new();
    private bool _refusing;
    private int _connections;
    private int _rotations;
    private bool _disposed;

    /// <summary>Quotes alone (<c>bookTicker</c>), as the benchmark and the quote tests use it.</summary>
    public BinanceMarketDataFeed(string name, RingBuffer<EngineEvent> ring, InstrumentRegistry registry, IReadOnlyDictionary<int, string> venueSymbols, Uri streamsRoot,
        ILogger logger)
        : this(name, ring, registry, venueSymbols, new BinanceFeedOptions { Streams = streamsRoot }, logger)
    {
    }

    /// <param name="venueSymbols">Binance's name for each instrument (<c>BTCUSDT</c>).</param>
    public BinanceMarketDataFeed(string name, RingBuffer<EngineEvent> ring, InstrumentRegistry registry, IReadOnlyDictionary<int, string> venueSymbols, BinanceFeedOptions options,
        ILogger logger)
        : base(name, ring, [.. venueSymbols.Keys])
    {
        ArgumentNullException.ThrowIfNull(registry);
        ArgumentNullException.ThrowIfNull(options);
        _logger = logger;
        _options = options;
        var depth = options.Depth > 1 && options.Rest is not null;
        _subscriptions = [.. venueSymbols.Select(p => new BinanceSubscription(p.Value, registry[p.Key], depth ? new DepthBookSync(options.Market, Math.Max(options.Depth, 1_000)) : null))];
        Address = BinanceEndpoints.Combined(options.Streams, venueSymbols.Values.SelectMany(s => Streams(s.ToLowerInvariant(), depth)));
        _http = options.Rest is null ? null : new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        _rest = options.Rest is null ? null : new BinanceRestClient(_http!, options.Rest, options.Market, null, RequestBudget.For(options.Market));
        // Closed klines on a writer of their own, so the feed thread never waits for the store; a kline the backfill wrote too is the same row.
        _klines = options.Klines && options.History is not null ? new BarWriteQueue(options.History, logger, capacity: 10_000) : null;
    }

    public override string Source => PriceSources.Binance;

    /// <summary>The combined-stream address it connects to.</summary>
    public Uri Address { get; }

    /// <summary>Connections opened so far (the first, then each reconnect and each rotation).</summary>
    public int Connections => Volatile.Read(ref _connections);

    /// <summary>Hand-overs to a connection opened beside the old one before its cut.</summary>
    public int Rotations => Volatile.Read(ref _rotations);

    private long RotateTicks => (long)(_options.RotateAfter.TotalSeconds * Stopwatch.Frequency);

    protected override void Run()
    {
        StartBackfill();
        RunAsync().GetAwaiter().GetResult();
    }

    protected override void OnStopping()
    {
        if (!_disposed)
        {
            _stop.Cancel(); // wakes a connect, a receive or a back-off wait
        }
    }

    protected override void Dispose(bool disposing)
    {
        _disposed = true;
        _klines?.DisposeAsync().AsTask().GetAwaiter().GetResult(); // what was queued is written before the process goes
        _options.History?.Dispose();
        _http?.Dispose();
        _stop.Dispose();
        base.Dispose(disposing);
    }

    private async Task RunAsync()
    {
        Counters.SetConnected(false);
        var delay = InitialDelay;
        while (!Stopping)
        {
            var received = false;
            string why;
            try
            {
                received = await ReceiveAsync().ConfigureAwait(false);
                why = "the exchange closed the connection";
            }
            catch (OperationCanceledException) when (Stopping)
            {
                return;
            }
            catch (Exception e) when (e is WebSocketException or HttpRequestException or IOException or OperationCanceledException)
            {
                why = e.Message;
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                why = $"a fault in the feed ({e.GetType().Name}: {e.Message})"; // never the engine's end: the feed starts over
                LogFault(_logger, Name, e);
            }

            Counters.SetConnected(false);
            Counters.SetProblem(why);
            if (Stopping)
            {
                return;
            }

            delay = received ? InitialDelay : TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, MaxDelay.Ticks));
            var wait = delay * (0.8 + (0.4 * Random.Shared.NextDouble())); // jitter: many engines cut at once do not come back at once
            LogReconnecting(_logger, Name, why, (int)wait.TotalMilliseconds);
            _stop.Token.WaitHandle.WaitOne(wait);
        }
    }

    /// <summary>
    /// One connection, until it ends; whether any message came on it. Before Binance's 24-hour cut
    /// (<see cref="BinanceFeedOptions.RotateAfter"/>) the next connection is opened beside it with the same streams
    /// and takes over at its first message, so nothing is missed: what both carried meanwhile is read from both
    /// (quotes are idempotent, diffs are ordered by their ids, trades by theirs, klines by their minute).
    /// </summary>
    private async Task<bool> ReceiveAsync()
    {
        var current = new StreamConnection(MessageBytes);
        StreamConnection? next = null;
        Task<int>? currentRead = null, nextRead = null;
        try
        {
            await current.ConnectAsync(Address, _stop.Token).ConfigureAwait(false);
            Interlocked.Increment(ref _connections);
            Counters.SetConnected(true);
            Counters.SetProblem(null);
            LogConnected(_logger, Name, Address);
            var any = false;
            var rotateAt = Stopwatch.GetTimestamp() + RotateTicks;
            while (!Stopping)
            {
                if (next is null && Stopwatch.GetTimestamp() >= rotateAt)
                {
                    (next, nextRead) = await OpenNextAsync().ConfigureAwait(false);
                    rotateAt = Stopwatch.GetTimestamp() + (next is null ? Stopwatch.Frequency * 60 : RotateTicks); // a failed attempt is tried again in a minute
                }

                if (next is null)
                {
                    var length = currentRead is null ? await ReceiveOrSnapshotAsync(current.ReadAsync(_stop.Token)).ConfigureAwait(false) : await currentRead.ConfigureAwait(false);
                    currentRead = null;
                    if (length == StreamConnection.Closed)
                    {
                        return any;
                    }

                    any = true;
                    Deliver(current, length);
                    continue;
                }

                currentRead ??= current.ReadAsync(_stop.Token).AsTask();
                var first = await Task.WhenAny(currentRead, nextRead!).ConfigureAwait(false);
                if (Stopping)
                {
                    return any;
                }

                if (first == nextRead && (!nextRead.IsCompletedSuccessfully || nextRead.Result == StreamConnection.Closed))
                {
                    // The new connection died before it carried anything: the old one goes on, another is tried later.
                    next.Dispose();
                    await Quietly(nextRead).ConfigureAwait(false);
                    (next, nextRead) = (null, null);
                    continue;
                }

                if (first == nextRead || !currentRead.IsCompletedSuccessfully || currentRead.Result == StreamConnection.Closed)
                {
                    // The new connection's first message (or the old one's end): it takes over.
                    var (old, oldRead) = (current, currentRead);
                    (current, currentRead, next, nextRead) = (next, nextRead, null, null);
                    old.Dispose();
                    await Quietly(oldRead).ConfigureAwait(false);
                    Interlocked.Increment(ref _rotations);
                    LogRotated(_logger, Name);
                    continue;
                }

                Deliver(current, await currentRead.ConfigureAwait(false));
                currentRead = null;
            }

            return any;
        }
        finally
        {
            current.Dispose();
            next?.Dispose();
            await Quietly(currentRead).ConfigureAwait(false);
            await Quietly(nextRead).ConfigureAwait(false);
        }
    }

    /// <summary>The next connection, beside the current one; none when it cannot be opened now.</summary>
    private async Task<(StreamConnection?, Task<int>?)> OpenNextAsync()
    {
        var next = new StreamConnection(MessageBytes);
        try
        {
            await next.ConnectAsync(Address, _stop.Token).ConfigureAwait(false);
            Interlocked.Increment(ref _connections);
            return (next, next.ReadAsync(_stop.Token).AsTask());
        }
        catch (Exception e) when (e is WebSocketException or HttpRequestException or IOException)
        {
            next.Dispose();
            LogRotationFailed(_logger, Name, e.Message);
            return (null, null);
        }
    }

    private static async Task Quietly(Task<int>? read)
    {
        if (read is null)
        {
            return;
        }

        try
        {
            await read.ConfigureAwait(false);
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException or ObjectDisposedException or IOException)
        {
            // a read of a connection already given up
        }
    }

    private void Deliver(StreamConnection connection, int length)
    {
        if (length == StreamConnection.TooLong)
        {
            Refused("a message longer than any event");
            return;
        }

        if (length >= 0)
        {
            Handle(connection.Message(length));
        }
    }

    /// <summary>One message's bytes to the ring (internal for the benchmark, which measures this without the socket).</summary>
    internal void Handle(ReadOnlySpan<byte> message)
    {
        PollSnapshots();
        var kind = CombinedStreamReader.Read(message, out var stream);
        var subscription = kind == BinanceStreamKind.Unknown ? null : Find(stream, lowerCase: true);
        switch (kind)
        {
            case BinanceStreamKind.Unknown:
                OnBookTicker(message); // a bare bookTicker event (no envelope), or nothing of ours
                return;
            case BinanceStreamKind.BookTicker:
                OnBookTicker(message);
                return;
            case BinanceStreamKind.Trade when subscription is not null:
                OnTrade(subscription, message);
                return;
            case BinanceStreamKind.Depth when subscription?.Book is not null:
                OnDepth(subscription, message);
                return;
            case BinanceStreamKind.Kline when subscription is not null:
                OnKline(subscription, message);
                return;
            case BinanceStreamKind.MarkPrice when subscription is not null:
                OnMarkPrice(subscription, message);
                return;
            default:
                Refused("a message for a stream not subscribed");
                return;
        }
    }

    private void OnBookTicker(ReadOnlySpan<byte> message)
    {
        if (!BookTickerReader.TryRead(message, out var symbol, out _, out var bidPrice, out _, out var askPrice, out _))
        {
            Refused("a message that is not a bookTicker event");
            return;
        }

        var subscription = Find(symbol, lowerCase: false);
        if (subscription is null)
        {
            Refused("a quote for a symbol not subscribed");
            return;
        }

        var instrument = subscription.Instrument;
        Quote(subscription, instrument.NearestTicks(bidPrice), instrument.NearestTicks(askPrice));
    }

    /// <summary>A best bid and ask (from bookTicker or the depth book's top) into the ring, unless it is not a market.</summary>
    private void Quote(BinanceSubscription subscription, long bid, long ask)
    {
        if (bid <= 0 || bid >= ask)
        {
            Refused(bid <= 0 ? "a bid below one tick" : bid == ask ? "a locked quote (bid equals ask)" : "a crossed quote (bid above ask)");
            return;
        }

        (subscription.PublishedBid, subscription.PublishedAsk) = (bid, ask);
        Publish(subscription, bid, ask, bid + ((ask - bid) / 2), 0);
    }

    private void Publish(BinanceSubscription subscription, long bid, long ask, long last, long lots)
    {
        var tick = new Tick
        {
            InstrumentId = subscription.Instrument.Id, TimestampMs = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(), BidTicks = bid, AskTicks = ask, LastTicks = last, SizeLots = lots,
        };
        if (Publish(tick) && _refusing)
        {
            _refusing = false;
            LogBurstEnded(_logger, Name);
        }
    }

    private BinanceSubscription? Find(ReadOnlySpan<byte> symbol, bool lowerCase)
    {
        foreach (var subscription in _subscriptions)
        {
            if (symbol.SequenceEqual(lowerCase ? subscription.StreamSymbol : subscription.Symbol))
            {
                return subscription;
            }
        }

        return null;
    }

    private void Refused(string why)
    {
        Counters.Refused();
        if (!_refusing)
        {
            _refusing = true;
            LogRefused(_logger, Name, why);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Binance feed {Feed}: connected to {Address}")]
    private static partial void LogConnected(ILogger logger, string feed, Uri address);

    [LoggerMessage(Level = LogLevel.Error, Message = "Binance feed {Feed}: unexpected fault; reconnecting")]
    private static partial void LogFault(ILogger logger, string feed, Exception e);

    [LoggerMessage(Level = LogLevel.Information, Message = "Binance feed {Feed}: handed over to the connection opened beside the old one before its cut")]
    private static partial void LogRotated(ILogger logger, string feed);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Binance feed {Feed}: the next connection could not be opened ({Why}); the current one carries on, tried again in a minute")]
    private static partial void LogRotationFailed(ILogger logger, string feed, string why);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Binance feed {Feed}: {Why}; reconnecting in {DelayMs} ms")]
    private static partial void LogReconnecting(ILogger logger, string feed, string why, int delayMs);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Binance feed {Feed}: refused {Why} (further refusals counted until a good quote)")]
    private static partial void LogRefused(ILogger logger, string feed, string why);

    [LoggerMessage(Level = LogLevel.Information, Message = "Binance feed {Feed}: quotes good again")]
    private static partial void LogBurstEnded(ILogger logger, string feed);
}
