using System.Diagnostics;
using LowLatency.Disruptor;
using LowLatency.Engine.Host.Feeds;
using LowLatency.Binance;
using LowLatency.BinanceEmulator;
using LowLatency.Engine.MarketData;
using LowLatency.Engine.Pipeline;
using Microsoft.Extensions.Logging.Abstractions;

namespace LowLatency.Engine.Host.Tests.Binance;

/// <summary>The <c>binance</c> feed against the documented combined streams on loopback: quotes into the ring, refusals, reconnects.</summary>
public sealed class BinanceMarketDataFeedTests : IDisposable
{
    // The documented bookTicker payload (spot "Individual Symbol Book Ticker Streams"), for BTCUSDT at BTC-USD's tick.
    private const string Quote = """{"stream":"btcusdt@bookTicker","data":{"u":400900217,"s":"BTCUSDT","b":"65000.01000000","B":"31.21000000","a":"65000.05000000","A":"40.66000000"}}""";
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(20);
    private static readonly InstrumentRegistry Registry = InstrumentRegistry.Load(Path.GetFullPath(Path.Combine(TestContext.CurrentContext.TestDirectory, "../../../../..", "config", "instruments.json")));

    private BinanceStreamEmulator _exchange = null!;
    private RingBuffer<EngineEvent> _ring = null!;
    private Sequence _read = null!;
    private BinanceMarketDataFeed _feed = null!;
    private int _btc;

    [SetUp]
    public void Start()
    {
        _exchange = new BinanceStreamEmulator();
        _ring = RingBuffer<EngineEvent>.CreateSingleProducer(() => new EngineEvent(), 1024);
        _read = new Sequence();
        _ring.AddGatingSequences(_read);
        _btc = Registry.TryResolve("BTCUSDT", out var btc) ? btc.Id : throw new InvalidOperationException("no BTC-USD");
        _feed = new BinanceMarketDataFeed("binance", _ring, Registry, new Dictionary<int, string> { [_btc] = "BTCUSDT" }, _exchange.Root, NullLogger.Instance);
        _feed.Start();
        Assert.That(_exchange.WaitForConnection(Wait), Is.True, "the feed did not connect");
    }

    [TearDown]
    public void Dispose()
    {
        _feed?.Dispose();
        _exchange?.Dispose();
    }

    private Tick NextTick()
    {
        var deadline = Stopwatch.GetTimestamp() + (long)(Wait.TotalSeconds * Stopwatch.Frequency);
        var spin = default(SpinWait);
        while (_ring.Cursor <= _read.Value)
        {
            Assert.That(Stopwatch.GetTimestamp(), Is.LessThan(deadline), $"no tick within {Wait}; feed problem: {_feed.Counters.Problem}");
            spin.SpinOnce();
        }

        var next = _read.Value + 1;
        var tick = _ring[next].Tick;
        _read.SetValue(next);
        return tick;
    }

    [Test]
    public async Task A_book_ticker_becomes_a_tick_at_the_instruments_exact_ticks()
    {
        Assert.That(_exchange.ConnectedStreams, Is.EqualTo(new[] { "btcusdt@bookTicker" }));
        await _exchange.SendAsync(Quote);
        var tick = NextTick();
        Assert.That((tick.InstrumentId, tick.BidTicks, tick.AskTicks, tick.LastTicks), Is.EqualTo((_btc, 6_500_001L, 6_500_005L, 6_500_003L)));
        Assert.That((_feed.Counters.Messages, _feed.Counters.Connected, _feed.Source), Is.EqualTo((1L, true, PriceSources.Binance)));
    }

    [Test]
    public async Task Crossed_locked_malformed_and_unknown_quotes_are_refused_and_counted_and_a_good_one_still_goes()
    {
        await _exchange.SendAsync(Quote.Replace("65000.05", "65000.00", StringComparison.Ordinal)); // crossed
        await _exchange.SendAsync(Quote.Replace("65000.05", "65000.01", StringComparison.Ordinal)); // locked
        await _exchange.SendAsync("""{"stream":"btcusdt@bookTicker","data":{"s":"BTCUSDT","b":"65000""");
        await _exchange.SendAsync(Quote.Replace("\"BTCUSDT\"", "\"ETHUSDT\"", StringComparison.Ordinal));
        await _exchange.SendAsync("""{"result":null,"id":1}""");
        await _exchange.SendAsync(Quote);
        Assert.That(NextTick().BidTicks, Is.EqualTo(6_500_001L));
        Assert.That(_feed.Counters.Rejected, Is.EqualTo(5));
        Assert.That(_feed.Counters.Messages, Is.EqualTo(1));
    }

    [Test]
    public async Task A_dropped_connection_is_reopened_with_the_same_streams()
    {
        await _exchange.SendAsync(Quote);
        NextTick();
        _exchange.Drop();
        Assert.That(_exchange.WaitForConnection(Wait), Is.True, "the feed did not reconnect");
        Assert.That(_exchange.ConnectedStreams, Is.EqualTo(new[] { "btcusdt@bookTicker", "btcusdt@bookTicker" }));
        await _exchange.SendAsync(Quote);
        Assert.That(NextTick().AskTicks, Is.EqualTo(6_500_005L));
        Assert.That(_feed.Connections, Is.EqualTo(2));
    }

    [Test]
    public void Stop_returns_while_connected_and_the_feed_says_it_is_down()
    {
        var stopped = Task.Run(_feed.Stop);
        Assert.That(stopped.Wait(Wait), Is.True, "Stop did not return");
        Assert.That(_feed.Counters.Connected, Is.False);
        _feed.Dispose();
        Assert.That(_feed.Dispose, Throws.Nothing, "stopped, disposed, disposed again");
    }
}
