using System.Diagnostics;
using LowLatency.Binance;
using LowLatency.BinanceEmulator;
using LowLatency.Disruptor;
using LowLatency.Engine.Host.Feeds;
using LowLatency.Engine.MarketData;
using LowLatency.Engine.Pipeline;
using LowLatency.History;
using Microsoft.Extensions.Logging.Abstractions;

namespace LowLatency.Engine.Host.Tests.Binance;

/// <summary>
/// The <c>binance</c> feed's streams beside its quotes, against the emulators with Binance's documented payloads:
/// trades beside the quote, the depth book kept by the documented rule through a REST snapshot (a gap makes it
/// stale, counts a resync and rebuilds it, never a wrong quote), closed klines into the history store, and the
/// backfill at start.
/// </summary>
public sealed class BinanceFeedStreamsTests : IDisposable
{
    private const string Quote = """{"stream":"btcusdt@bookTicker","data":{"u":400900217,"s":"BTCUSDT","b":"65000.01000000","B":"31.21000000","a":"65000.05000000","A":"40.66000000"}}""";
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(20);
    private static readonly InstrumentRegistry Registry = InstrumentRegistry.Load(Path.GetFullPath(Path.Combine(TestContext.CurrentContext.TestDirectory, "../../../../..", "config", "instruments.json")));

    private BinanceStreamEmulator? _streams;
    private BinanceRestEmulator? _rest;
    private RingBuffer<EngineEvent> _ring = null!;
    private Sequence _read = null!;
    private BinanceMarketDataFeed? _feed;
    private string _data = "";
    private int _btc;

    [SetUp]
    public void Start()
    {
        _streams = new BinanceStreamEmulator();
        _rest = new BinanceRestEmulator("k", "s");
        _ring = RingBuffer<EngineEvent>.CreateSingleProducer(() => new EngineEvent(), 1024);
        _read = new Sequence();
        _ring.AddGatingSequences(_read);
        _btc = Registry.TryResolve("BTCUSDT", out var btc) ? btc.Id : throw new InvalidOperationException("no BTC-USD");
        _data = Directory.CreateTempSubdirectory("ll-binance-feed-").FullName;
        _seen.Clear();
    }

    [TearDown]
    public void Dispose()
    {
        _feed?.Dispose();
        _streams?.Dispose();
        _rest?.Dispose();
        (_feed, _streams, _rest) = (null, null, null);
        if (_data.Length > 0 && Directory.Exists(_data))
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(_data, recursive: true);
        }

        _data = "";
    }

    private string HistoryPath => Path.Combine(_data, "history.db");

    [Test]
    public async Task A_trade_is_published_beside_the_latest_quote_with_its_price_and_size()
    {
        StartFeed(new BinanceFeedOptions { Streams = _streams!.Root, Trades = true });
        Assert.That(_streams.ConnectedStreams.Single(), Is.EqualTo("btcusdt@bookTicker/btcusdt@trade"));
        await _streams.SendAsync(Trade("65000.03", "0.0042", id: 1)); // before any quote: nothing to stand beside
        await _streams.SendAsync(Quote);
        Assert.That(NextTick().SizeLots, Is.Zero, "the quote");
        await _streams.SendAsync(Trade("65000.03", "0.0042", id: 2));
        await _streams.SendAsync(Trade("65000.03", "0.0042", id: 2)); // a repeat (as while two connections overlap): once
        var trade = NextTick();
        Assert.Multiple(() =>
        {
            Assert.That((trade.BidTicks, trade.AskTicks), Is.EqualTo((6_500_001L, 6_500_005L)), "beside the quote");
            Assert.That((trade.LastTicks, trade.SizeLots), Is.EqualTo((6_500_003L, 42L)), "its price and size exactly");
        });
        await _streams.SendAsync(Quote);
        Assert.That(NextTick().SizeLots, Is.Zero, "the repeat was not published");
    }

    [Test]
    public async Task Before_the_24_hour_cut_the_next_connection_takes_over_with_no_trade_missed_or_doubled()
    {
        StartFeed(new BinanceFeedOptions { Streams = _streams!.Root, Trades = true, RotateAfter = TimeSpan.FromMilliseconds(250) });
        await _streams.SendAsync(Quote);
        Assert.That(NextTick().SizeLots, Is.Zero);
        var trades = 0;
        for (var rotation = 1; rotation <= 2; rotation++)
        {
            // Trades flow to every open connection, the old and the new alike while they overlap.
            while (_feed!.Rotations < rotation)
            {
                Assert.That(trades, Is.LessThan(5_000), "no hand-over");
                trades++;
                await _streams.SendAsync(Trade((65000m + (trades * 0.01m)).ToString(System.Globalization.CultureInfo.InvariantCulture), "0.0001", trades));
                await Task.Delay(2);
            }

            Assert.That(_streams.OpenConnections, Is.LessThanOrEqualTo(2));
        }

        for (var more = 0; more < 20; more++)
        {
            trades++;
            await _streams.SendAsync(Trade((65000m + (trades * 0.01m)).ToString(System.Globalization.CultureInfo.InvariantCulture), "0.0001", trades));
        }

        WaitFor(() => Top() != default && _seen.Count(t => t.SizeLots > 0) >= trades, "every trade published");
        Thread.Sleep(100); // a doubled trade would land by now
        Top();
        var published = _seen.Where(t => t.SizeLots > 0).Select(t => t.LastTicks - 6_500_000).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(_feed!.Rotations, Is.GreaterThanOrEqualTo(2), "handed over more than once");
            Assert.That(_feed.Connections - _feed.Rotations, Is.InRange(1, 2), "no reconnect between: the first connection, and perhaps the next opened beside, not yet handed over");
            Assert.That(published, Is.EqualTo(Enumerable.Range(1, trades).Select(i => (long)i)), "each trade once, in order, across the hand-overs");
            Assert.That(_streams.ConnectedStreams.Distinct().Single(), Is.EqualTo("btcusdt@bookTicker/btcusdt@trade"), "the same streams on each connection");
            Assert.That(_feed.Counters.Problem, Is.Null, "no reconnect: a hand-over");
        });
    }

    [Test]
    public async Task The_depth_book_is_built_from_a_snapshot_and_rebuilt_after_a_gap_never_quoting_a_stale_book()
    {
        _rest!.DepthSnapshot = """{"lastUpdateId":103,"bids":[["65000.01","1.0"],["64999.00","2.0"]],"asks":[["65000.05","1.5"]]}""";
        StartFeed(new BinanceFeedOptions { Streams = _streams!.Root, Rest = _rest.BaseUrl, Depth = 20 });
        Assert.That(_streams.ConnectedStreams.Single(), Is.EqualTo("btcusdt@depth@100ms"));

        await _streams.SendAsync(Diff(100, 105, bid: ("65000.02", "0.5"))); // buffered; the snapshot is asked for now
        WaitFor(() => _rest.Requests.GetValueOrDefault("/api/v3/depth") == 1, "the snapshot asked for");
        await _streams.SendAsync(Diff(106, 107, ask: ("65000.04", "0.7"))); // before or after the snapshot returns: buffered or applied
        WaitFor(() => Top() == (6_500_002L, 6_500_004L), "the snapshot, the buffered diff straddling 104, then the next, at the top");
        Assert.That(_feed!.BooksLive, Is.True);

        _rest.DepthSnapshot = """{"lastUpdateId":111,"bids":[["65000.00","1.0"]],"asks":[["65000.08","1.0"]]}""";
        await _streams.SendAsync(Diff(110, 112, bid: ("65000.03", "1.0"))); // 108–109 lost
        WaitFor(() => _feed.DepthResyncs == 1 && _feed.Counters.Gaps == 1, "the gap counted");
        var stale = _seen.Count;
        WaitFor(() => _rest.Requests.GetValueOrDefault("/api/v3/depth") == 2, "a new snapshot asked for");
        await _streams.SendAsync(Diff(113, 113, ask: ("65000.07", "1.0")));
        WaitFor(() => Top() == (6_500_003L, 6_500_007L), "the new snapshot, the diff straddling it, then the next");
        Assert.Multiple(() =>
        {
            Assert.That(_feed.BooksLive, Is.True);
            Assert.That(_seen.Skip(stale).Select(t => t.BidTicks), Is.All.EqualTo(6_500_003L), "no quote from the stale book: only the rebuilt one's");
            Assert.That(_feed.Counters.Problem, Is.Null);
        });
    }

    [Test]
    public async Task A_refused_snapshot_is_named_and_asked_for_again_after_a_back_off_while_the_diffs_keep_buffering()
    {
        StartFeed(new BinanceFeedOptions { Streams = _streams!.Root, Rest = _rest!.BaseUrl, Depth = 20 }); // no snapshot yet: Binance answers -1121
        await _streams.SendAsync(Diff(100, 105, bid: ("65000.02", "0.5")));
        WaitFor(() => _feed!.Counters.Problem?.Contains("-1121", StringComparison.Ordinal) == true, "the refusal named");
        _rest.DepthSnapshot = """{"lastUpdateId":103,"bids":[["65000.01","1.0"]],"asks":[["65000.05","1.5"]]}""";
        await _streams.SendAsync(Diff(106, 106, ask: ("65000.04", "0.7"))); // within the back-off: buffered, no new request
        Assert.That(_rest.Requests.GetValueOrDefault("/api/v3/depth"), Is.EqualTo(1));
        var next = 107L;
        WaitFor(() =>
        {
            _streams.SendAsync(Diff(next, next, bid: ("65000.02", "0.5"))).GetAwaiter().GetResult(); // diffs keep coming; one after the back-off asks again
            next++;
            Thread.Sleep(50);
            return Top() == (6_500_002L, 6_500_004L);
        }, "the book built from the second snapshot and every buffered diff");
        Assert.Multiple(() =>
        {
            Assert.That(_rest.Requests.GetValueOrDefault("/api/v3/depth"), Is.EqualTo(2), "asked again once, after the back-off");
            Assert.That(_feed!.BooksLive, Is.True);
        });
    }

    [Test]
    public async Task Closed_klines_go_to_the_history_store_and_forming_ones_do_not()
    {
        StartFeed(new BinanceFeedOptions { Streams = _streams!.Root, Klines = true, History = new SqliteBarStore(HistoryPath) });
        await _streams.SendAsync(Kline(1_700_000_040_000, closed: false));
        await _streams.SendAsync(Kline(1_700_000_040_000, closed: true));
        WaitFor(() => _feed!.KlinesStored == 1, "the closed kline written");
        using var store = new SqliteBarStore(HistoryPath);
        var bars = store.Range("BTC-USD", Timeframe.M1, 0, long.MaxValue);
        Assert.That(bars, Has.Count.EqualTo(1));
        Assert.That((bars[0].Bar.OpenTimeMs, bars[0].Bar.Open, bars[0].Bar.Close, bars[0].Bar.Volume, bars[0].Source), Is.EqualTo((1_700_000_040_000L, 65000.1, 65002.5, 12.5, PriceSources.Binance)));
    }

    [Test]
    public void The_recent_klines_are_backfilled_at_start()
    {
        StartFeed(new BinanceFeedOptions { Streams = _streams!.Root, Rest = _rest!.BaseUrl, History = new SqliteBarStore(HistoryPath), BackfillMinutes = 30 });
        WaitFor(() => File.Exists(HistoryPath) && Count() >= 29, "a half-hour of bars");
        Assert.That(_rest.Requests.GetValueOrDefault("/api/v3/klines"), Is.EqualTo(1), "one page");

        int Count()
        {
            using var store = new SqliteBarStore(HistoryPath);
            return store.Range("BTC-USD", Timeframe.M1, 0, long.MaxValue).Count;
        }
    }

    [Test]
    public async Task A_futures_feed_keeps_each_symbols_mark_price_and_funding_from_its_markPrice_stream()
    {
        StartFeed(new BinanceFeedOptions { Streams = _streams!.Root, Market = BinanceMarket.UsdMFutures, MarkPrice = true });
        Assert.That(_streams.ConnectedStreams.Single(), Is.EqualTo("btcusdt@bookTicker/btcusdt@markPrice@1s"));
        Assert.That(_feed!.Marks, Is.Null, "none before the first event");

        // Binance's documented markPriceUpdate payload, in a combined stream's envelope.
        await _streams.SendAsync("""{"stream":"btcusdt@markPrice@1s","data":{"e":"markPriceUpdate","E":1562305380000,"s":"BTCUSDT","p":"11794.15000000","i":"11784.62659091","P":"11784.25641265","r":"-0.00038167","T":1562306400000}}""");
        await _streams.SendAsync("""{"stream":"btcusdt@markPrice@1s","data":{"e":"markPriceUpdate","E":1562305381000,"s":"BTCUSDT","p":"x"}}""");
        WaitFor(() => _feed.Marks is not null && _feed.Counters.Rejected == 1, "the mark read and the bad one refused");
        Assert.That(_feed.Marks!.Single(), Is.EqualTo(new LowLatency.Ipc.FeedMark("BTCUSDT", 11794.15m, 11784.62659091m, -0.00038167m, 1562306400000, 1562305380000)));
    }

    private void StartFeed(BinanceFeedOptions options)
    {
        _feed = new BinanceMarketDataFeed("binance", _ring, Registry, new Dictionary<int, string> { [_btc] = "BTCUSDT" }, options, NullLogger.Instance);
        _feed.Start();
        Assert.That(_streams!.WaitForConnection(Wait), Is.True, "the feed did not connect");
    }

    // Binance's documented payloads ("Trade Streams", "Diff. Depth Stream", "Kline/Candlestick Streams"), for BTCUSDT.
    private static string Trade(string price, string quantity, long id) =>
        $$"""{"stream":"btcusdt@trade","data":{"e":"trade","E":1672515782136,"s":"BTCUSDT","t":{{id}},"p":"{{price}}","q":"{{quantity}}","T":1672515782136,"m":true,"M":true}""" + "}";

    private static string Diff(long first, long last, (string Price, string Quantity)? bid = null, (string Price, string Quantity)? ask = null) =>
        $$"""{"stream":"btcusdt@depth@100ms","data":{"e":"depthUpdate","E":1672515782136,"s":"BTCUSDT","U":{{first}},"u":{{last}},"b":[{{Level(bid)}}],"a":[{{Level(ask)}}]}""" + "}";

    private static string Level((string Price, string Quantity)? level) => level is { } l ? $"[\"{l.Price}\",\"{l.Quantity}\"]" : "";

    private static string Kline(long openMs, bool closed) =>
        $$"""{"stream":"btcusdt@kline_1m","data":{"e":"kline","E":1672515782136,"s":"BTCUSDT","k":{"t":{{openMs}},"T":{{openMs + 59_999}},"s":"BTCUSDT","i":"1m","f":100,"L":200,"o":"65000.10","c":"65002.50","h":"65003.00","l":"64999.00","v":"12.5","n":100,"x":{{(closed ? "true" : "false")}},"q":"812500.0","V":"6.0","Q":"390000.0","B":"123456"}""" + "}}";

    private readonly List<Tick> _seen = [];

    /// <summary>The latest quote's bid and ask, reading every tick published so far.</summary>
    private (long Bid, long Ask) Top()
    {
        while (_ring.Cursor > _read.Value)
        {
            NextTick();
        }

        return _seen.Count == 0 ? (0, 0) : (_seen[^1].BidTicks, _seen[^1].AskTicks);
    }

    private Tick NextTick()
    {
        var deadline = Stopwatch.GetTimestamp() + (long)(Wait.TotalSeconds * Stopwatch.Frequency);
        var spin = default(SpinWait);
        while (_ring.Cursor <= _read.Value)
        {
            Assert.That(Stopwatch.GetTimestamp(), Is.LessThan(deadline), $"no tick within {Wait}; feed problem: {_feed?.Counters.Problem}");
            spin.SpinOnce();
        }

        var next = _read.Value + 1;
        var tick = _ring[next].Tick;
        _read.SetValue(next);
        _seen.Add(tick);
        return tick;
    }

    private void WaitFor(Func<bool> condition, string what)
    {
        var deadline = Environment.TickCount64 + (long)Wait.TotalMilliseconds;
        while (!condition())
        {
            Assert.That(Environment.TickCount64, Is.LessThan(deadline), $"timed out waiting for {what}; feed problem: {_feed?.Counters.Problem}");
            Thread.Sleep(5);
        }
    }
}
