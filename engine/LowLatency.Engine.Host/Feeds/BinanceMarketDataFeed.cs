using System.Net.WebSockets;
using LowLatency.Disruptor;
using LowLatency.Binance;
using LowLatency.Engine.MarketData;
using LowLatency.Engine.Pipeline;
using Microsoft.Extensions.Logging;

namespace LowLatency.Engine.Host.Feeds;

/// <summary>
/// Binance's quotes as a feed (type <c>binance</c>): one combined-stream connection carrying each instrument's
/// <c>bookTicker</c>, every best bid/ask published into the ring as a tick (exact decimals to the instrument's
/// ticks). Locked, crossed and malformed quotes are refused and counted, logged once per burst. The server's pings
/// are answered by the WebSocket itself; a lost or closed connection is reopened after a back-off with jitter
/// (doubling while attempts fail) with the same streams. Its own thread; one message buffer, reused.
/// </summary>
public sealed partial class BinanceMarketDataFeed : ThreadedFeed
{
    private const int MessageBytes = 1 << 16;
    private static readonly TimeSpan InitialDelay = TimeSpan.FromMilliseconds(250);
    private static readonly TimeSpan MaxDelay = TimeSpan.FromSeconds(30);

    private readonly (byte[] Symbol, Instrument Instrument)[] _subscriptions;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _stop = new();
    private readonly byte[] _buffer = new byte[MessageBytes];
    private bool _refusing;
    private int _connections;
    private bool _disposed;

    /// <param name="venueSymbols">Binance's name for each instrument (<c>BTCUSDT</c>).</param>
    /// <param name="streamsRoot">The stream address (<see cref="BinanceEndpoints.Streams"/> or the feed's <c>url</c>).</param>
    public BinanceMarketDataFeed(string name, RingBuffer<EngineEvent> ring, InstrumentRegistry registry, IReadOnlyDictionary<int, string> venueSymbols, Uri streamsRoot,
        ILogger logger)
        : base(name, ring, [.. venueSymbols.Keys])
    {
        ArgumentNullException.ThrowIfNull(registry);
        _logger = logger;
        _subscriptions = [.. venueSymbols.Select(p => (System.Text.Encoding.ASCII.GetBytes(p.Value.ToUpperInvariant()), registry[p.Key]))];
        Address = BinanceEndpoints.Combined(streamsRoot, venueSymbols.Values.Select(s => s.ToLowerInvariant() + "@bookTicker"));
    }

    public override string Source => PriceSources.Binance;

    /// <summary>The combined-stream address it connects to.</summary>
    public Uri Address { get; }

    /// <summary>Connections opened so far (the first, then each reconnect).</summary>
    public int Connections => Volatile.Read(ref _connections);

    protected override void Run() => RunAsync().GetAwaiter().GetResult();

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

    /// <summary>One connection, until it ends; whether any message came on it.</summary>
    private async Task<bool> ReceiveAsync()
    {
        using var socket = new ClientWebSocket();
        socket.Options.KeepAliveInterval = TimeSpan.FromSeconds(20);
        await socket.ConnectAsync(Address, _stop.Token).ConfigureAwait(false);
        Interlocked.Increment(ref _connections);
        Counters.SetConnected(true);
        Counters.SetProblem(null);
        LogConnected(_logger, Name, Address);
        var any = false;
        while (!Stopping)
        {
            var length = 0;
            ValueWebSocketReceiveResult result;
            do
            {
                if (length == MessageBytes)
                {
                    length = -MessageBytes; // too long for any documented event: read to its end and refuse it
                }

                result = await socket.ReceiveAsync(_buffer.AsMemory(Math.Max(length, 0)), _stop.Token).ConfigureAwait(false);
                length = length < 0 ? length : length + result.Count;
            }
            while (!result.EndOfMessage && result.MessageType != WebSocketMessageType.Close);

            if (result.MessageType == WebSocketMessageType.Close)
            {
                return any;
            }

            any = true;
            if (length < 0)
            {
                Refused("a message longer than any event");
                continue;
            }

            Handle(_buffer.AsSpan(0, length));
        }

        return any;
    }

    /// <summary>One message's bytes to the ring (internal for the benchmark, which measures this without the socket).</summary>
    internal void Handle(ReadOnlySpan<byte> message)
    {
        if (!BookTickerReader.TryRead(message, out var symbol, out _, out var bidPrice, out _, out var askPrice, out _))
        {
            Refused("a message that is not a bookTicker event");
            return;
        }

        var index = IndexOf(symbol);
        if (index < 0)
        {
            Refused("a quote for a symbol not subscribed");
            return;
        }

        var instrument = _subscriptions[index].Instrument;
        var bid = instrument.NearestTicks(bidPrice);
        var ask = instrument.NearestTicks(askPrice);
        if (bid <= 0 || bid >= ask)
        {
            Refused(bid <= 0 ? "a bid below one tick" : bid == ask ? "a locked quote (bid equals ask)" : "a crossed quote (bid above ask)");
            return;
        }

        var tick = new Tick
        {
            InstrumentId = instrument.Id, TimestampMs = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(), BidTicks = bid, AskTicks = ask, LastTicks = bid + ((ask - bid) / 2),
        };
        if (Publish(tick) && _refusing)
        {
            _refusing = false;
            LogBurstEnded(_logger, Name);
        }
    }

    private int IndexOf(ReadOnlySpan<byte> symbol)
    {
        for (var i = 0; i < _subscriptions.Length; i++)
        {
            if (symbol.SequenceEqual(_subscriptions[i].Symbol))
            {
                return i;
            }
        }

        return -1;
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

    [LoggerMessage(Level = LogLevel.Warning, Message = "Binance feed {Feed}: {Why}; reconnecting in {DelayMs} ms")]
    private static partial void LogReconnecting(ILogger logger, string feed, string why, int delayMs);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Binance feed {Feed}: refused {Why} (further refusals counted until a good quote)")]
    private static partial void LogRefused(ILogger logger, string feed, string why);

    [LoggerMessage(Level = LogLevel.Information, Message = "Binance feed {Feed}: quotes good again")]
    private static partial void LogBurstEnded(ILogger logger, string feed);
}
