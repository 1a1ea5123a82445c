using LowLatency.Disruptor;
using LowLatency.Engine.Host.Feeds;
using LowLatency.Engine.MarketData;
using LowLatency.Engine.Pipeline;
using LowLatency.Fix.Messages;
using LowLatency.Fix.Session;
using LowLatency.Fix.Wire;
using Microsoft.Extensions.Logging.Abstractions;

namespace LowLatency.Benchmarks.Workloads;

/// <summary>
/// The engine's FIX market data path without the socket: a feed subscribed to BTC-USD (its session never
/// connects; the request id is the one a logon opens), its book built from a snapshot, then incremental refreshes
/// as the venue's bytes (framed, checksummed) that change the best bid's size each time, so every message
/// publishes a quote into <see cref="Ring"/>; Binance's bookTicker messages through the <c>binance</c> feed's
/// handler the same way (never connected). The simulator's tick into the same ring through the same publisher
/// is the baseline.
/// </summary>
public sealed class FixMarketDataWorkload : IDisposable
{
    private readonly byte[][] _increments;
    private readonly FixSession _session;
    private readonly MarketSimulator _simulator;
    private readonly TickPublisher _simulatorPublisher;
    private readonly FeedCounters _simulatorCounters = new();
    private readonly byte[][] _bookTickers;
    private readonly BinanceMarketDataFeed _binance;
    private bool _stopping;
    private long _sent;

    public FixMarketDataWorkload(RingBuffer<EngineEvent> ring)
    {
        var registry = TradingSetup.Registry;
        BtcId = registry.TryResolve("BTC-USD", out var btc) ? btc.Id : throw new InvalidOperationException("BTC-USD is not in instruments.json");
        Ring = ring;
        var options = new FixSessionOptions { Host = "127.0.0.1", Port = 1, SenderCompId = "LL", TargetCompId = "VENUE" };
        Feed = new FixMarketDataFeed("bench", "bench", ring, registry, new Dictionary<int, string> { [BtcId] = "BTC-USD" }, depth: 5, trades: true, ownSession: null, NullLogger.Instance);
        _session = new FixSession(options, Feed, NullLogger.Instance);
        Feed.OnLogon(_session); // not connected: the request is not sent, but the subscription is open as MD0.1
        Deliver(Message("W", w => w.Add(Tag.MdReqId, "MD0.1").Add(Tag.Symbol, "BTC-USD").Add(Tag.NoMdEntries, 2)
            .Add(Tag.MdEntryType, "0").Add(Tag.MdEntryPx, 65000m).Add(Tag.MdEntrySize, 1m).Add(Tag.MdEntryId, "B65000")
            .Add(Tag.MdEntryType, "1").Add(Tag.MdEntryPx, 65001m).Add(Tag.MdEntrySize, 1m).Add(Tag.MdEntryId, "S65001")));
        _increments = [.. Enumerable.Range(0, 2).Select(i => Message("X", w => w.Add(Tag.MdReqId, "MD0.1").Add(Tag.NoMdEntries, 1)
            .Add(Tag.MdUpdateAction, "1").Add(Tag.MdEntryType, "0").Add(Tag.MdEntryId, "B65000").Add(Tag.Symbol, "BTC-USD")
            .Add(Tag.MdEntryPx, 65000m).Add(Tag.MdEntrySize, 0.5m + i)))];
        _binance = new BinanceMarketDataFeed("bench-binance", ring, registry, new Dictionary<int, string> { [BtcId] = "BTCUSDT" }, new Uri("ws://127.0.0.1:1/"), NullLogger.Instance);
        _bookTickers = [.. Enumerable.Range(0, 2).Select(i => System.Text.Encoding.UTF8.GetBytes(
            $$$"""{"stream":"btcusdt@bookTicker","data":{"u":{{{400900217 + i}}},"s":"BTCUSDT","b":"65000.0{{{i}}}000000","B":"31.21000000","a":"65001.00000000","A":"40.66000000"}}"""))];
        _simulator = new MarketSimulator(registry, new SimulatorOptions { Seed = 42 });
        _simulatorPublisher = new TickPublisher(ring, _simulatorCounters);
    }

    public RingBuffer<EngineEvent> Ring { get; }

    public FixMarketDataFeed Feed { get; }

    public int BtcId { get; }

    /// <summary>One incremental refresh, from its bytes to the quote published: framing and checksum, the entries read, the book changed, the tick published.</summary>
    public void OneIncrement() => Deliver(_increments[_sent++ & 1]);

    /// <summary>One Binance bookTicker message (combined-stream envelope), from its bytes to the quote published: read, priced to ticks, published.</summary>
    public void OneBookTicker() => _binance.Handle(_bookTickers[_sent++ & 1]);

    /// <summary>The simulator's next tick for BTC-USD, published the same way.</summary>
    public void OneSimulatorTick()
    {
        var tick = default(Tick);
        _simulator.Next(BtcId, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(), ref tick);
        _simulatorPublisher.Publish(tick, ref _stopping);
    }

    public void Dispose()
    {
        Volatile.Write(ref _stopping, true);
        Feed.Stop();
        _binance.Dispose();
        _session.DisposeAsync().AsTask().GetAwaiter().GetResult();
    }

    private void Deliver(byte[] bytes)
    {
        if (FixFrame.TryRead(bytes, out var length) != FrameStatus.Complete)
        {
            throw new InvalidOperationException("the benchmark's message does not frame");
        }

        var view = new FixMessageView(bytes.AsSpan(0, length));
        view.TryGet(FixWire.MsgType, out var msgType);
        Feed.FromApp(_session, view, msgType, 2, _session.Token(2));
    }

    private static byte[] Message(string msgType, Action<FixWriter> body)
    {
        var writer = new FixWriter();
        writer.Start("FIX.4.2"u8, System.Text.Encoding.ASCII.GetBytes(msgType));
        writer.Add(Tag.SenderCompId, "VENUE").Add(Tag.TargetCompId, "LL").Add(Tag.MsgSeqNum, 2);
        body(writer);
        return writer.Finish().ToArray();
    }
}
