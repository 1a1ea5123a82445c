using LowLatency.Engine.Commands;
using LowLatency.Engine.Execution;
using LowLatency.Engine.Host.Configuration;
using LowLatency.Engine.Portfolio;
using LowLatency.Engine.Risk;
using LowLatency.Engine.State;
using LowLatency.Fix.Session;
using LowLatency.QuickFix;
using Microsoft.Extensions.Logging.Abstractions;

namespace LowLatency.Engine.Host.Tests;

/// <summary>
/// The engine trading BTC-USD on a FIX session to QuickFIX's executor: a limit order leaves the trading thread,
/// is filled by the acceptor, and the ExecutionReport comes back through the ring into a journalled fill and a
/// position; a restart on the same data directory keeps the position and continues the ClOrdIDs without
/// sending any order again; an order while the acceptor is down is cancelled here and never sent later.
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class FixVenueTests
{
    private static readonly string Root = Path.GetFullPath(Path.Combine(TestContext.CurrentContext.TestDirectory, "../../../../.."));
    private string _data = "";
    private string _strategies = "";
    private QuickFixAcceptor _acceptor = null!;

    [SetUp]
    public async Task Start()
    {
        _data = Directory.CreateTempSubdirectory("ll-fixvenue-").FullName;
        _strategies = Directory.CreateDirectory(Path.Combine(_data, "no-strategies")).FullName; // only the test's orders
        _acceptor = await QuickFixAcceptor.StartAsync(AcceptorKind.Executor, "FIX.4.4", ["LLENGINE"], Path.Combine(_data, "acceptor"));
    }

    [TearDown]
    public async Task Stop()
    {
        if (TestContext.CurrentContext.Result.Outcome.Status == NUnit.Framework.Interfaces.TestStatus.Failed)
        {
            TestContext.Out.WriteLine(_acceptor.Log);
        }

        await _acceptor.DisposeAsync();
        Directory.Delete(_data, recursive: true);
    }

    [Test]
    public async Task A_limit_order_is_filled_on_the_fix_venue_and_a_restart_sends_nothing_twice()
    {
        long position;
        using (var engine = RunningEngine.Start(Config(), _data))
        {
            var venue = engine.Host.Venues.Single();
            Assert.That(await venue.Session.WaitForAsync(s => s == FixSessionState.Active, TimeSpan.FromSeconds(20)), Is.True, venue.Session.LastEvent);
            engine.SubmitLimitAtTheTouch(correlation: 1, Side.Buy);
            // The state belongs to the trading thread: wait on single values, read the whole state after the engine stopped.
            engine.WaitFor(() => engine.Core.FillCount == 1 && engine.Lots("BTC-USD") == 1000, "the executor's fill, through the ring, into the position");
            position = engine.Lots("BTC-USD");
            Assert.That(venue.OrdersSent, Is.EqualTo(1));
            Assert.That(venue.AcksMeasured, Is.EqualTo(1), "one order → report round trip measured");
            var stats = venue.Stats();
            Assert.That((stats.State, stats.OrdersSent, stats.OrderToAckP50Us > 0), Is.EqualTo(("active", 1L, true)));
        }

        Assert.That(_acceptor.Occurrences("\u000111=LL-1\u0001"), Is.EqualTo(2), "the order in and its fill out, once each");

        using (var engine = RunningEngine.Start(Config(), _data))
        {
            var venue = engine.Host.Venues.Single();
            Assert.That(await venue.Session.WaitForAsync(s => s == FixSessionState.Active, TimeSpan.FromSeconds(20)), Is.True, venue.Session.LastEvent);
            Assert.That(engine.Lots("BTC-USD"), Is.EqualTo(position), "the journal kept the fill");
            engine.SubmitLimitAtTheTouch(correlation: 2, Side.Sell); // closes it (a second buy would pass the position limit)
            engine.WaitFor(() => engine.Core.FillCount == 2 && engine.Lots("BTC-USD") == 0, "the second order's fill: flat again");
        }

        Assert.Multiple(() =>
        {
            Assert.That(_acceptor.Occurrences("\u000111=LL-1\u0001"), Is.EqualTo(2), "order 1 was not sent again after the restart");
            Assert.That(_acceptor.Occurrences("\u000111=LL-2\u0001"), Is.EqualTo(2), "the ClOrdIDs continued");
            Assert.That(_acceptor.Log, Does.Not.Contain("MsgSeqNum too low"), "the session continued from its store");
        });
    }

    [Test]
    public async Task A_bracket_order_is_refused_on_a_fix_venue_before_it_is_accepted()
    {
        using var engine = RunningEngine.Start(Config(), _data);
        var venue = engine.Host.Venues.Single();
        Assert.That(await venue.Session.WaitForAsync(s => s == FixSessionState.Active, TimeSpan.FromSeconds(20)), Is.True, venue.Session.LastEvent);
        engine.SubmitLimitAtTheTouch(correlation: 1, Side.Buy, stopLossTicks: 6_000_000);
        engine.WaitFor(() => engine.Core.OrdersRejected == 1, "the bracket refused");
        Assert.That(engine.Core.Orders.Find(1)!.RejectReason, Is.EqualTo(RejectReason.VenueUnsupported));
        Assert.That(venue.OrdersSent, Is.Zero);
    }

    [Test]
    public async Task A_market_order_the_executor_rejects_at_the_session_level_is_cancelled_as_venue_rejected()
    {
        using var engine = RunningEngine.Start(Config(), _data);
        var venue = engine.Host.Venues.Single();
        Assert.That(await venue.Session.WaitForAsync(s => s == FixSessionState.Active, TimeSpan.FromSeconds(20)), Is.True, venue.Session.LastEvent);
        engine.SubmitLimitAtTheTouch(correlation: 1, Side.Buy, type: OrderType.Market);
        engine.WaitFor(() => engine.Core.Orders.LastOrderId == 1 && engine.Core.Orders.WorkingCount == 0, "the rejected order finished");
        Assert.That(venue.Session.Metrics.RejectsReceived, Is.EqualTo(1), "QuickFIX's executor fills limit orders only");
        Assert.That((engine.Lots("BTC-USD"), venue.Session.State), Is.EqualTo((0L, FixSessionState.Active)));
    }

    [Test]
    public async Task An_order_while_the_acceptor_is_down_is_cancelled_here_and_never_sent_later()
    {
        using var engine = RunningEngine.Start(Config(), _data);
        var venue = engine.Host.Venues.Single();
        Assert.That(await venue.Session.WaitForAsync(s => s == FixSessionState.Active, TimeSpan.FromSeconds(20)), Is.True, venue.Session.LastEvent);
        await _acceptor.KillAsync();
        Assert.That(await venue.Session.WaitForAsync(s => s != FixSessionState.Active, TimeSpan.FromSeconds(20)), Is.True);

        engine.SubmitLimitAtTheTouch(correlation: 1, Side.Buy);
        engine.WaitFor(() => engine.Core.Orders.WorkingCount == 0 && engine.Core.Orders.LastOrderId == 1, "the unsent order cancelled");
        Assert.That(engine.Lots("BTC-USD"), Is.Zero);

        await _acceptor.RestartAsync();
        Assert.That(await venue.Session.WaitForAsync(s => s == FixSessionState.Active, TimeSpan.FromSeconds(30)), Is.True, venue.Session.LastEvent);
        engine.SubmitLimitAtTheTouch(correlation: 2, Side.Buy);
        engine.WaitFor(() => engine.Core.FillCount == 1, "the order after the reconnect filled");
        Assert.That(_acceptor.Log, Does.Not.Contain("11=LL-1\u0001"), "the order refused while down never reached the venue");
    }

    private EngineConfig Config() => EngineDefaults.Config with
    {
        StatusIntervalSeconds = 1,
        Instruments = Path.Combine(Root, "config", "instruments.json"),
        Strategies = _strategies,
        Feed = new FeedConfig { TicksPerSecond = 2_000 },
        Exchange = new PaperExchangeOptions { LatencyMs = 0, LatencyJitterMs = 0 },
        Ipc = new LowLatency.Ipc.Server.LinkOptions { Enabled = false },
        Venues = new VenuesConfig
        {
            Fix = new Dictionary<string, FixSessionConfig>
            {
                ["executor"] = new() { Host = "127.0.0.1", Port = _acceptor.Port, SenderCompId = "LLENGINE", TargetCompId = QuickFixAcceptor.AcceptorCompId, HeartBtInt = 1 },
            },
            Instruments = new Dictionary<string, InstrumentVenueConfig> { ["BTC-USD"] = new() { Venue = "executor" } },
        },
    };

    /// <summary>An engine host on its own thread, stopped (drained, venues logged out) on dispose.</summary>
    private sealed class RunningEngine : IDisposable
    {
        private readonly CancellationTokenSource _stop = new();
        private readonly Task<int> _run;

        private RunningEngine(EngineConfig config, string data)
        {
            Host = new EngineHost(config, data, NullLogger.Instance, TextWriter.Null);
            _run = Task.Factory.StartNew(() => Host.Run(_stop.Token), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
            Assert.That(Host.Started.Wait(TimeSpan.FromSeconds(60)), Is.True, "the host starts");
        }

        public EngineHost Host { get; }

        public TradingCore Core => Host.Pipeline!.Core;

        public long Lots(string symbol) => Core.Account.Position(Host.Pipeline!.Registry.TryResolve(symbol, out var i) ? i.Id : -1).QuantityLots;

        public static RunningEngine Start(EngineConfig config, string data) => new(config, data);

        public void SubmitLimitAtTheTouch(long correlation, Side side, long stopLossTicks = 0, OrderType type = OrderType.Limit)
        {
            var btc = Host.Pipeline!.Registry.TryResolve("BTC-USD", out var instrument) ? instrument.Id : -1;
            var quote = default(MarketData.Tick);
            WaitFor(() => Core.Status == TradingStatus.Running && Host.Pipeline.Quotes.Read(btc, out quote) > 0 && quote.BidTicks > 0 && Core.Account.HasQuote(btc), "a fresh BTC quote and trading running");
            var price = side == Side.Buy ? quote.AskTicks : quote.BidTicks;
            Assert.That(Host.Commands!.TryPublish(new Command
            {
                Type = CommandType.SubmitOrder, CorrelationId = correlation, InstrumentId = btc, Side = side, OrderType = type,
                TimeInForce = TimeInForce.Gtc, LimitTicks = type == OrderType.Limit ? price : 0, QuantityLots = 1000, StopLossTicks = stopLossTicks,
            }, TimeSpan.FromSeconds(10)), Is.True);
        }

        public void WaitFor(Func<bool> condition, string what)
        {
            var deadline = Environment.TickCount64 + 30_000;
            while (!condition())
            {
                Assert.That(Environment.TickCount64, Is.LessThan(deadline), $"timed out waiting for {what}");
                Assert.That(_run.IsCompleted, Is.False, "the host ended before it was stopped");
                Thread.Sleep(5);
            }
        }

        public void Dispose()
        {
            _stop.Cancel();
            Assert.That(_run.Wait(TimeSpan.FromSeconds(60)), Is.True, "the host stops");
            _stop.Dispose();
        }
    }
}
