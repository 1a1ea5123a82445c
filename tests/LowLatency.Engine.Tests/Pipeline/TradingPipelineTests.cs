using System.Text.Json;
using LowLatency.Disruptor;
using LowLatency.Disruptor.Dsl;
using LowLatency.Engine.Commands;
using LowLatency.Engine.Execution;
using LowLatency.Engine.MarketData;
using LowLatency.Engine.Pipeline;
using LowLatency.Engine.Portfolio;
using LowLatency.Engine.Risk;
using LowLatency.Engine.Strategies;
using LowLatency.Engine.Tests.Support;

namespace LowLatency.Engine.Tests.Pipeline;

public sealed class TradingPipelineTests
{
    private static TradingPipeline NewPipeline(bool measure, TimeSpan? warmOrderPathEvery = null) =>
        new(Shipped.Registry, StrategyLoader.LoadDirectory(Shipped.StrategiesDirectory, Shipped.Registry), new AccountOptions(), new RiskLimits(), new PaperExchangeOptions(), measure, warmOrderPathEvery);

    private static Tick[] History(int count)
    {
        var registry = Shipped.Registry;
        int[] ids = [TradingFixture.Id("BTC-USD"), TradingFixture.Id("ETH-USD"), TradingFixture.Id("XAUUSD")];
        using var source = new SimulatedTickSource(registry, ids, TradingFixture.T0, TradingFixture.T0 + (count / ids.Length * 1000L), 1000, new SimulatorOptions { Seed = 9 });
        var ticks = new List<Tick>(count);
        var tick = default(Tick);
        while (source.TryNext(ref tick))
        {
            ticks.Add(tick);
        }

        return [.. ticks];
    }

    [TestCase(-1, 100, 101, 100, 1, IngestError.UnknownInstrument)]
    [TestCase(99, 100, 101, 100, 1, IngestError.UnknownInstrument)]
    [TestCase(0, 0, 101, 100, 1, IngestError.NonPositivePrice)]
    [TestCase(0, -5, 101, 100, 1, IngestError.NonPositivePrice)]
    [TestCase(0, 102, 101, 100, 1, IngestError.CrossedQuote)]
    [TestCase(0, 100, 101, 100, -1, IngestError.NegativeSize)]
    public void Malformed_ticks_are_refused_at_ingest_and_change_nothing(int instrument, long bid, long ask, long last, long size, IngestError error)
    {
        var pipeline = NewPipeline(measure: false);
        var before = JsonSerializer.Serialize(pipeline.Core.Capture());
        var entry = default(EngineEvent);
        entry.SetTick(new Tick { InstrumentId = instrument, TimestampMs = TradingFixture.T0, BidTicks = bid, AskTicks = ask, LastTicks = last, SizeLots = size }, 0);
        pipeline.Process(ref entry, 0, true);
        Assert.That(entry.Error, Is.EqualTo(error));
        Assert.That(pipeline.Ingest.Refused, Is.EqualTo(1));
        Assert.That(JsonSerializer.Serialize(pipeline.Core.Capture()), Is.EqualTo(before));
    }

    [Test]
    public void An_unknown_command_is_refused_at_ingest()
    {
        var pipeline = NewPipeline(measure: false);
        var entry = default(EngineEvent);
        entry.SetCommand(new Command { Type = (CommandType)200 }, TradingFixture.T0, 0);
        pipeline.Process(ref entry, 0, true);
        Assert.That(entry.Error, Is.EqualTo(IngestError.UnknownCommand));
        Assert.That(pipeline.Core.Sequence, Is.Zero);
    }

    [Test]
    public void The_ring_with_two_threads_reaches_the_same_state_as_the_single_threaded_backtest_path()
    {
        var ticks = History(150_000);
        var sequential = NewPipeline(measure: false);
        var entry = default(EngineEvent);
        entry.SetCommand(new Command { Type = CommandType.Start }, TradingFixture.T0, 0);
        sequential.Process(ref entry, 0, true);
        for (var i = 0; i < ticks.Length; i++)
        {
            entry.SetTick(ticks[i], 0);
            sequential.Process(ref entry, i + 1, true);
        }

        var live = NewPipeline(measure: true, warmOrderPathEvery: TimeSpan.Zero); // warms at the end of every batch
        using (var disruptor = new Disruptor<EngineEvent>(null, 1024, ProducerType.Multi, new BlockingWaitStrategy()))
        {
            disruptor.HandleEventsWith(new SequentialEventHandler<EngineEvent>(live.Ingest, live.Indicators, live.Signals), new ProcessorOptions { Name = "market" })
                .Then(new SequentialEventHandler<EngineEvent>(live.Risk, live.Routing), new ProcessorOptions { Name = "trading" });
            var ring = disruptor.Start();
            var s = ring.Next();
            ring[s].SetCommand(new Command { Type = CommandType.Start }, TradingFixture.T0, 0);
            ring.Publish(s);
            foreach (var tick in ticks)
            {
                s = ring.Next();
                ring[s].SetTick(tick, System.Diagnostics.Stopwatch.GetTimestamp());
                ring.Publish(s);
            }

            Assert.That(disruptor.Shutdown(TimeSpan.FromSeconds(60)), Is.True, "drained");
        }

        Assert.That(sequential.Core.FillCount, Is.Positive, "the strategies traded");
        Assert.That(JsonSerializer.Serialize(live.Core.Capture()), Is.EqualTo(JsonSerializer.Serialize(sequential.Core.Capture())));
        Assert.That(live.Latency!.TickToSignal.GetIntervalHistogram().TotalCount, Is.EqualTo(ticks.Length));
        Assert.That(live.Latency.TickToOrder.GetIntervalHistogram().TotalCount, Is.EqualTo(live.Routing.OrdersRouted));
        Assert.That(live.Warmer!.Rounds, Is.Positive);
    }

    [Test]
    public void Warming_the_order_path_after_every_tick_changes_no_state_and_allocates_nothing()
    {
        var ticks = History(60_000);
        var plain = NewPipeline(measure: false);
        var warmed = NewPipeline(measure: false, warmOrderPathEvery: TimeSpan.FromHours(1));
        var a = default(EngineEvent);
        var b = default(EngineEvent);
        a.SetCommand(new Command { Type = CommandType.Start }, TradingFixture.T0, 0);
        b.SetCommand(new Command { Type = CommandType.Start }, TradingFixture.T0, 0);
        plain.Process(ref a, 0, true);
        warmed.Process(ref b, 0, true);
        long allocated = 0;
        for (var i = 0; i < ticks.Length; i++)
        {
            a.SetTick(ticks[i], 0);
            b.SetTick(ticks[i], 0);
            plain.Process(ref a, i + 1, true);
            warmed.Process(ref b, i + 1, true);
            var before = GC.GetAllocatedBytesForCurrentThread();
            warmed.Warmer!.Warm(ticks[i].TimestampMs);
            allocated += i >= 10_000 ? GC.GetAllocatedBytesForCurrentThread() - before : 0;
        }

        Assert.That(plain.Core.FillCount, Is.Positive, "the strategies traded");
        Assert.That(JsonSerializer.Serialize(warmed.Core.Capture()), Is.EqualTo(JsonSerializer.Serialize(plain.Core.Capture())));
        Assert.That(warmed.Core.Sequence, Is.EqualTo(plain.Core.Sequence), "no record of the shadow order reached the real core");
        Assert.That(warmed.Warmer!.Rounds, Is.EqualTo(ticks.Length));
        Assert.That(warmed.Warmer.ShadowOrders, Is.GreaterThan(ticks.Length / 2), "the shadow pipeline made orders (a forced decision per bar once its indicators are ready)");
        Assert.That(warmed.Warmer.ShadowRestarts, Is.Zero, "the shadow's equity holds without fees or slippage");
        Assert.That(allocated, Is.Zero, "bytes allocated by 50,000 warm rounds after warm-up");
    }

    [Test]
    public void The_warmers_shadow_starts_over_near_the_calendars_end_and_without_strategies_warms_manual_orders()
    {
        // A monthly strategy steps the shadow's clock a month per round: ~84,000 rounds reach the year 9000.
        var monthly = StrategyLoader.Parse("""{"name":"monthly","type":"mama-fama-cross","symbols":["BTC-USD"],"timeframe":"1M","sizing":{"method":"fixedFractional","riskPercent":1}}""", "monthly.json", Shipped.Registry);
        var pipeline = new TradingPipeline(Shipped.Registry, monthly, new AccountOptions(), new RiskLimits(), new PaperExchangeOptions(), measureLatency: false, warmOrderPathEvery: TimeSpan.FromHours(1));
        var bare = new TradingPipeline(Shipped.Registry, [], new AccountOptions(), new RiskLimits(), new PaperExchangeOptions(), measureLatency: false, warmOrderPathEvery: TimeSpan.FromHours(1));
        var entry = default(EngineEvent);
        foreach (var p in new[] { pipeline, bare })
        {
            entry.SetTick(new Tick { InstrumentId = TradingFixture.Id("BTC-USD"), TimestampMs = TradingFixture.T0, BidTicks = 6_500_000, AskTicks = 6_500_100, LastTicks = 6_500_000, SizeLots = 10 }, 0);
            p.Process(ref entry, 1, false); // a real quote to price the shadow's orders off
        }

        var before = JsonSerializer.Serialize(pipeline.Core.Capture());
        for (var i = 0; i < 90_000; i++)
        {
            pipeline.Warmer!.Warm(TradingFixture.T0);
        }

        for (var i = 0; i < 1_000; i++)
        {
            bare.Warmer!.Warm(TradingFixture.T0);
        }

        Assert.That(pipeline.Warmer!.Rounds, Is.EqualTo(90_000));
        Assert.That(pipeline.Warmer.ShadowRestarts, Is.EqualTo(1), "started over once, near 9000-01-01");
        Assert.That(pipeline.Warmer.ShadowOrders, Is.GreaterThan(10_000));
        Assert.That(JsonSerializer.Serialize(pipeline.Core.Capture()), Is.EqualTo(before));
        Assert.That(bare.Warmer!.Rounds, Is.EqualTo(1_000), "no strategies: a bracketed limit order and a cancel per round");
        Assert.That(bare.Warmer.ShadowOrders, Is.EqualTo(1_000));
    }

    [Test]
    public void Quotes_arriving_through_the_pipeline_keep_an_instrument_fresh_and_their_absence_makes_it_stale()
    {
        var pipeline = new TradingPipeline(Shipped.Registry, [], new AccountOptions(), new RiskLimits { StaleAfterMs = 10_000 }, new PaperExchangeOptions(), measureLatency: false);
        pipeline.Core.Risk.WatchStaleness();
        var btc = TradingFixture.Id("BTC-USD");
        var entry = default(EngineEvent);
        long sequence = 0;
        void Run() => pipeline.Process(ref entry, sequence++, true);
        void Quote(long arrivalTicks)
        {
            entry.SetTick(new Tick { InstrumentId = btc, TimestampMs = TradingFixture.T0, BidTicks = 6_000_000, AskTicks = 6_000_100, LastTicks = 6_000_050, SizeLots = 10 }, arrivalTicks);
            Run();
        }

        void Buy()
        {
            entry.SetCommand(new Command { Type = CommandType.SubmitOrder, InstrumentId = btc, Side = Side.Buy, QuantityLots = 100 }, TradingFixture.T0, System.Diagnostics.Stopwatch.GetTimestamp());
            Run();
        }

        entry.SetCommand(new Command { Type = CommandType.Start }, TradingFixture.T0, 0);
        Run();
        Quote(System.Diagnostics.Stopwatch.GetTimestamp() - (11 * System.Diagnostics.Stopwatch.Frequency)); // arrived 11 s ago
        Buy();
        Assert.That(pipeline.Core.OrdersRejected, Is.EqualTo(1), "stale: refused");
        Quote(System.Diagnostics.Stopwatch.GetTimestamp());
        Buy();
        Assert.That((pipeline.Core.OrdersRejected, pipeline.Core.Orders.LastOrderId), Is.EqualTo((1, 2L)), "fresh again: accepted");
    }
}
