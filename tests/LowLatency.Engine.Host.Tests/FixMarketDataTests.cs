using LowLatency.Engine.Execution;
using LowLatency.Engine.Host.Configuration;
using LowLatency.Engine.Host.Feeds;
using LowLatency.Engine.Portfolio;
using LowLatency.Engine.Risk;
using LowLatency.Engine.State;
using LowLatency.Fix.Session;
using LowLatency.QuickFix;

namespace LowLatency.Engine.Host.Tests;

/// <summary>
/// The engine's prices from the book acceptor's market data (our matching book on QuickFIX's session layer,
/// FIX 4.4 and 4.2), on a session of their own (LLMD) or on the trading session: the snapshot then each
/// increment become the engine's quotes; a symbol the venue does not know is refused with its reason; a
/// reconnect subscribes again; a lost increment is noticed and the book rebuilt from a new snapshot; a locked
/// book is refused, never quoted; a CSV of quotes replayed by the venue arrives quote by quote; and an order
/// priced on the book's quote fills on that book.
/// </summary>
[TestFixture("FIX.4.4")]
[TestFixture("FIX.4.2")]
[NonParallelizable]
public sealed class FixMarketDataTests(string beginString) : AcceptorTests(AcceptorKind.Book, beginString, "LLENGINE", "LLMD")
{
    [SetUp]
    public async Task Quote()
    {
        await Command("md-quote BTC-USD 65000 0.5 65001 0.7", "book: quoted BTC-USD");
    }

    [Test]
    public async Task The_snapshot_then_each_increment_become_the_engines_quotes()
    {
        using var engine = RunningEngine.Start(Config(session: "bookmd", "BTC-USD"), Data);
        WaitForQuote(engine, 6_500_000, 6_500_100);
        await Command("md-quote BTC-USD 65002.5 0.2 65003 0.1", "book: quoted BTC-USD");
        WaitForQuote(engine, 6_500_250, 6_500_300);
        Assert.That(await Acceptor.WaitForLogAsync("\u000135=X\u0001", Wait), Is.True, "the increment in the acceptor's log (read as it comes)");

        var feed = (FixMarketDataFeed)engine.Host.Feeds.Single();
        Assert.Multiple(() =>
        {
            Assert.That(feed.Source, Is.EqualTo("fix:bookmd"));
            Assert.That(feed.OwnSession!.Options.SenderCompId, Is.EqualTo("LLMD"), "prices on a session of their own");
            Assert.That((feed.Counters.Connected, feed.Counters.Gaps, feed.Counters.Rejected), Is.EqualTo((true, 0L, 0L)));
            Assert.That(Acceptor.Log, Does.Contain("\u000135=W\u0001").And.Contain("\u000135=X\u0001").And.Contain("\u0001263=1\u0001"));
            Assert.That(engine.Host.Venues.Single().Session.Options.SenderCompId, Is.EqualTo("LLENGINE"), "orders on the trading session");
        });
    }

    [Test]
    public async Task A_csv_of_quotes_replayed_by_the_venue_reaches_the_engine_quote_by_quote()
    {
        using var engine = RunningEngine.Start(Config(session: "bookmd", "BTC-USD"), Data);
        var feed = (FixMarketDataFeed)engine.Host.Feeds.Single();
        WaitForQuote(engine, 6_500_000, 6_500_100);
        var before = feed.Counters.Messages;
        var csv = Path.Combine(Data, "quotes.csv");
        File.WriteAllLines(csv, ["symbol,bid,bidqty,ask,askqty", "BTC-USD,65005,1,65006,1", "BTC-USD,65004.5,2,65005.5,2", "BTC-USD,64990,1,64991.25,3"]);
        await Command($"md-replay {csv} 0", "book: replayed 3 quotes");
        WaitForQuote(engine, 6_499_000, 6_499_125);
        Assert.That(feed.Counters.Messages - before, Is.GreaterThanOrEqualTo(3), "each replayed quote published");
        Assert.That(feed.Counters.Gaps, Is.Zero);
    }

    [Test]
    public async Task A_symbol_the_venue_does_not_know_is_refused_with_its_reason_and_the_others_still_quote()
    {
        using var engine = RunningEngine.Start(Config(session: "bookmd", "BTC-USD", "ETH-USD"), Data);
        var feed = (FixMarketDataFeed)engine.Host.Feeds.Single();
        WaitForQuote(engine, 6_500_000, 6_500_100);
        engine.WaitFor(() => feed.Counters.Problem is not null, "the reject surfaced");
        Assert.That(feed.Counters.Problem, Does.Contain("ETH-USD").And.Contain("unknown symbol").And.Contain("MDReqRejReason 0"));
        Assert.That(feed.Counters.Rejected, Is.EqualTo(1));
        Assert.That(await Acceptor.WaitForLogAsync("\u000135=Y\u0001", Wait), Is.True);
    }

    [Test]
    public async Task After_the_venue_comes_back_the_feed_subscribes_again()
    {
        using var engine = RunningEngine.Start(Config(session: "bookmd", "BTC-USD"), Data);
        var feed = (FixMarketDataFeed)engine.Host.Feeds.Single();
        WaitForQuote(engine, 6_500_000, 6_500_100);
        await Acceptor.KillAsync();
        engine.WaitFor(() => !feed.Counters.Connected, "the feed down");
        await Acceptor.RestartAsync();
        await Command("md-quote BTC-USD 65010 1 65011 1", "book: quoted BTC-USD");
        Assert.That(await feed.OwnSession!.WaitForAsync(s => s == FixSessionState.Active, Wait), Is.True, feed.OwnSession.LastEvent);
        WaitForQuote(engine, 6_501_000, 6_501_100);
        Assert.That(feed.Counters.Connected, Is.True);
        Assert.That(await Acceptor.WaitForLogAsync("\u0001263=1\u0001", Wait, count: 2), Is.True, "subscribed at each logon (the acceptor's log is read as it comes)");
        Assert.That(Acceptor.Occurrences("\u0001263=1\u0001"), Is.EqualTo(2), "once at each logon");
    }

    [Test]
    public async Task A_lost_increment_is_noticed_and_the_book_rebuilt_from_a_new_snapshot()
    {
        using var engine = RunningEngine.Start(Config(session: "bookmd", "BTC-USD"), Data);
        var feed = (FixMarketDataFeed)engine.Host.Feeds.Single();
        WaitForQuote(engine, 6_500_000, 6_500_100);
        await Acceptor.CommandAsync("md-drop");
        await Command("md-quote BTC-USD 65002 1 65003 1", "book: dropped an incremental refresh");
        await Command("md-quote BTC-USD 65004 1 65005 1", "book: quoted BTC-USD");
        WaitForQuote(engine, 6_500_400, 6_500_500);
        Assert.That(await Acceptor.WaitForLogAsync("\u000135=W\u0001", Wait, count: 2), Is.True, "a second snapshot (the acceptor's log is read as it comes)");
        Assert.Multiple(() =>
        {
            Assert.That(feed.Counters.Gaps, Is.EqualTo(1), BeginString == "FIX.4.4" ? "RptSeq skipped" : "a delete of a level the book never had");
            Assert.That(Acceptor.Log, Does.Contain("\u0001263=2\u0001"), "the old request ended");
            Assert.That(Acceptor.Occurrences("\u000135=W\u0001"), Is.EqualTo(2), "a second snapshot");
        });
    }

    [Test]
    public async Task A_locked_book_or_a_price_that_is_not_a_number_is_refused_and_never_quoted()
    {
        using var engine = RunningEngine.Start(Config(session: "bookmd", "BTC-USD"), Data);
        var feed = (FixMarketDataFeed)engine.Host.Feeds.Single();
        WaitForQuote(engine, 6_500_000, 6_500_100);
        await Command("md-raw LLMD W 262=MD0.1|55=BTC-USD|268=2|269=0|270=65050|271=1|278=x|269=1|270=65050|271=1|278=y", "book: raw W sent to LLMD");
        engine.WaitFor(() => feed.Counters.Rejected == 1, "the locked book refused");
        await Command("md-raw LLMD W 262=MD0.1|55=BTC-USD|268=2|269=0|270=NaN|271=1|278=x|269=1|270=65060|271=1|278=y", "book: raw W sent to LLMD");
        engine.WaitFor(() => feed.Counters.Rejected == 2, "the entry with no number refused");
        var quote = Quote(engine);
        Assert.That((quote.BidTicks, quote.AskTicks), Is.EqualTo((6_500_000L, 6_500_100L)), "the last good quote stands");

        await Command("md-raw LLMD W 262=MD0.1|55=BTC-USD|268=2|269=0|270=65070|271=1|278=x|269=1|270=65071|271=1|278=y", "book: raw W sent to LLMD");
        WaitForQuote(engine, 6_507_000, 6_507_100);
    }

    [Test]
    public async Task An_order_priced_on_the_books_quote_fills_on_that_book_through_the_venue()
    {
        // Prices and orders on one session; no simulator anywhere, so no allowSimulatedPrices either.
        using var engine = RunningEngine.Start(Config(session: "book", "BTC-USD"), Data);
        var feed = engine.Host.Feeds.Single();
        Assert.That((feed.Source, ((FixMarketDataFeed)feed).OwnSession), Is.EqualTo(("fix:book", (FixSession?)null)));
        WaitForQuote(engine, 6_500_000, 6_500_100);
        var limit = engine.SubmitLimitAtTheTouch(correlation: 1, Side.Buy);
        Assert.That(limit, Is.EqualTo(6_500_100), "a buy at the book's offer");
        engine.WaitFor(() => engine.Lots("BTC-USD") == 1000, "filled against the maker's offer");
        WaitForQuote(engine, 6_500_000, 6_500_100); // 0.6 left at the offer
        Assert.That(await Acceptor.WaitForLogAsync("\u0001269=2\u0001", Wait), Is.True, "the trade published as market data");
        Assert.Multiple(() =>
        {
            Assert.That(engine.Core.Orders.Find(1)!.Status, Is.EqualTo(OrderStatus.Filled));
            Assert.That(engine.Core.Orders.Find(1)!.AverageFillTicks, Is.EqualTo(6_500_100), "at the book's price");
            Assert.That(engine.Core.Status, Is.EqualTo(TradingStatus.Running));
        });
    }

    /// <summary>BTC-USD traded on the book (LLENGINE); its prices from the feed on <paramref name="session"/>: "book" (shared) or "bookmd" (LLMD).</summary>
    private EngineConfig Config(string session, params string[] symbols)
    {
        var onFix = RunningEngine.OnFix(Data, "book", Acceptor.Port);
        var trading = onFix.Venues.Fix["book"] with { BeginString = BeginString };
        return onFix with
        {
            AllowSimulatedPrices = false,
            Feeds = [new FeedConfig { Name = "md", Type = "fix", Session = session, Symbols = symbols, Depth = 5 }],
            Venues = onFix.Venues with
            {
                Fix = new Dictionary<string, FixSessionConfig> { ["book"] = trading, ["bookmd"] = trading with { SenderCompId = "LLMD" } },
            },
        };
    }

    private static MarketData.Tick Quote(RunningEngine engine)
    {
        var btc = engine.Host.Pipeline!.Registry.TryResolve("BTC-USD", out var instrument) ? instrument.Id : -1;
        engine.Host.Pipeline.Quotes.Read(btc, out var quote);
        return quote;
    }

    private static void WaitForQuote(RunningEngine engine, long bid, long ask) =>
        engine.WaitFor(() => Quote(engine) is var q && q.BidTicks == bid && q.AskTicks == ask, $"the quote {bid} x {ask}");
}
