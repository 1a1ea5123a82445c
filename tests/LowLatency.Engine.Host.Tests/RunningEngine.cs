using LowLatency.Engine.Commands;
using LowLatency.Engine.Execution;
using LowLatency.Engine.Host.Configuration;
using LowLatency.Engine.Portfolio;
using LowLatency.Engine.Risk;
using LowLatency.Engine.State;
using LowLatency.QuickFix;
using Microsoft.Extensions.Logging.Abstractions;

namespace LowLatency.Engine.Host.Tests;

/// <summary>An engine host on its own thread, stopped (drained, venues logged out) on dispose.</summary>
internal sealed class RunningEngine : IDisposable
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

    /// <summary>
    /// The shipped instruments with BTC-USD on the FIX session <paramref name="venue"/> (SenderCompID LLENGINE, to the
    /// acceptor on <paramref name="port"/>), no strategies but the test's orders, a fast feed, no IPC.
    /// </summary>
    public static EngineConfig OnFix(string data, string venue, int port, bool resetOnLogon = false) => EngineDefaults.Config with
    {
        StatusIntervalSeconds = 1,
        Instruments = Path.Combine(Root, "config", "instruments.json"),
        Strategies = Directory.CreateDirectory(Path.Combine(data, "no-strategies")).FullName,
        Feed = new FeedConfig { TicksPerSecond = 2_000 },
        Exchange = new PaperExchangeOptions { LatencyMs = 0, LatencyJitterMs = 0 },
        Ipc = new LowLatency.Ipc.Server.LinkOptions { Enabled = false },
        AllowSimulatedPrices = true, // these tests are about orders; the venue's own prices are another test's
        Venues = new VenuesConfig
        {
            Fix = new Dictionary<string, FixSessionConfig>
            {
                [venue] = new() { Host = "127.0.0.1", Port = port, SenderCompId = "LLENGINE", TargetCompId = QuickFixAcceptor.AcceptorCompId, HeartBtInt = 1, ResetOnLogon = resetOnLogon },
            },
            Instruments = new Dictionary<string, InstrumentVenueConfig> { ["BTC-USD"] = new() { Venue = venue } },
        },
    };

    private static string Root => Path.GetFullPath(Path.Combine(TestContext.CurrentContext.TestDirectory, "../../../../.."));

    /// <summary>
    /// An order for 1000 lots of BTC-USD priced at the touch (a buy at the ask; a stop triggers 100 ticks beyond it); <paramref name="bracket"/> &gt; 0 adds a
    /// take-profit and a stop-loss (unless not <paramref name="bracketStop"/>) that many ticks away; sent once the venue is reconciled unless <paramref name="waitForVenue"/> is false. Returns its limit in ticks.
    /// </summary>
    public long SubmitLimitAtTheTouch(long correlation, Side side, long stopLossTicks = 0, OrderType type = OrderType.Limit, long takeProfitTicks = 0, long bracket = 0, bool waitForVenue = true, bool bracketStop = true)
    {
        var btc = Host.Pipeline!.Registry.TryResolve("BTC-USD", out var instrument) ? instrument.Id : -1;
        var quote = default(MarketData.Tick);
        WaitFor(() => Core.Status == TradingStatus.Running && Host.Pipeline.Quotes.Read(btc, out quote) > 0 && quote.BidTicks > 0 && Core.Account.HasQuote(btc)
            && (!waitForVenue || Host.RemoteVenues.All(v => v.Reconciled)), "a fresh BTC quote, trading running and the venue reconciled");
        var price = side == Side.Buy ? quote.AskTicks : quote.BidTicks;
        if (bracket > 0)
        {
            var exit = side == Side.Buy ? 1 : -1;
            (takeProfitTicks, stopLossTicks) = (price + (exit * bracket), bracketStop ? price - (exit * bracket) : 0);
        }

        Assert.That(Host.Commands!.TryPublish(new Command
        {
            Type = CommandType.SubmitOrder, CorrelationId = correlation, InstrumentId = btc, Side = side, OrderType = type,
            TimeInForce = TimeInForce.Gtc, LimitTicks = type is OrderType.Limit or OrderType.StopLimit ? price : 0, QuantityLots = 1000,
            StopTicks = type is OrderType.Stop or OrderType.StopLimit ? price + (side == Side.Buy ? 100 : -100) : 0, StopLossTicks = stopLossTicks, TakeProfitTicks = takeProfitTicks,
        }, TimeSpan.FromSeconds(10)), Is.True);
        return price;
    }

    /// <summary>The ClOrdID of this run's order <paramref name="orderId"/> (its replace <paramref name="version"/>), or of its cancel: as the venue sees it.</summary>
    public string Id(long orderId, int version = 0, bool cancel = false) =>
        new LowLatency.Fix.Messages.ClOrdId(System.Text.Encoding.ASCII.GetBytes(cancel ? "LLC-" : "LL-"), orderId, version, Core.Incarnation).ToString();

    public void Cancel(long orderId) =>
        Assert.That(Host.Commands!.TryPublish(new Command { Type = CommandType.CancelOrder, CorrelationId = 1_000 + orderId, OrderId = orderId }, TimeSpan.FromSeconds(10)), Is.True);

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
