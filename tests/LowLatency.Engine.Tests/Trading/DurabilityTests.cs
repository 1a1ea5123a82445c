using LowLatency.Engine.Commands;
using LowLatency.Engine.Execution;
using LowLatency.Engine.MarketData;
using LowLatency.Engine.Pipeline;
using LowLatency.Engine.Portfolio;
using LowLatency.Engine.Risk;
using LowLatency.Engine.State;
using LowLatency.Engine.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;

namespace LowLatency.Engine.Tests.Trading;

/// <summary>Nothing leaves the engine before the record that caused it is durable; a fault in the state of record halts trading.</summary>
public sealed class DurabilityTests
{
    /// <summary>A journal that remembers the last sequence each commit made durable.</summary>
    private sealed class CountingJournal : ITradingJournal
    {
        private long _appended;

        public long Durable { get; private set; }

        public void Append(in TradingRecord record) => _appended = record.Sequence;

        public void Commit() => Durable = _appended;
    }

    /// <summary>Checks every effect against what the journal had made durable when the effect arrived.</summary>
    private sealed class DurabilityListener(CountingJournal journal) : ITradingListener
    {
        public List<string> Violations { get; } = [];

        public long LastRecord { get; private set; }

        public int Results { get; private set; }

        public List<CommandResult> Outcomes { get; } = [];

        public void OnRecord(in TradingRecord record)
        {
            if (record.Sequence > journal.Durable)
            {
                Violations.Add($"record {record.Sequence} delivered while only {journal.Durable} was durable");
            }

            LastRecord = record.Sequence;
        }

        public void OnCommandResult(in CommandResult result)
        {
            if (LastRecord > journal.Durable)
            {
                Violations.Add($"result {result.CorrelationId} delivered before record {LastRecord} was durable");
            }

            Results++;
            Outcomes.Add(result);
        }

        public void OnSnapshot(StateSnapshot snapshot)
        {
        }
    }

    /// <summary>A venue whose accepted orders the test can watch arriving, and which can be told to fail.</summary>
    private sealed class WatchingVenue(OrderBook book, CountingJournal journal) : IVenue
    {
        private readonly PaperExchange _paper = new(book, new PaperExchangeOptions { LatencyMs = 0, LatencyJitterMs = 0, MaxSlippageTicks = 0, PartialFills = false });
        private readonly List<long> _outbox = [];

        public List<string> Violations { get; } = [];

        public bool FailNextSubmit { get; set; }

        public int Sent { get; private set; }

        public long ActivationTimeMs(long orderId, int instrumentId, long createdMs) => _paper.ActivationTimeMs(orderId, instrumentId, createdMs);

        public void Submit(Order order)
        {
            if (FailNextSubmit)
            {
                FailNextSubmit = false;
                throw new InvalidOperationException("venue adapter bug");
            }

            _outbox.Add(order.Id);
            _paper.Submit(order);
        }

        public void Cancel(Order order) => _paper.Cancel(order);

        public void OnQuote(in Tick tick, IVenueListener listener) => _paper.OnQuote(tick, listener);

        public void OnDurable()
        {
            // What an adapter sends here must already be in the journal.
            if (_outbox.Count > 0 && journal.Durable == 0)
            {
                Violations.Add("orders sent before anything was durable");
            }

            Sent += _outbox.Count;
            _outbox.Clear();
        }
    }

    private static (TradingCore Core, CountingJournal Journal, DurabilityListener Listener, WatchingVenue Venue) NewCore()
    {
        var journal = new CountingJournal();
        WatchingVenue? venue = null;
        var core = new TradingCore(Shipped.Registry, new AccountOptions(), new RiskLimits(), new PaperExchangeOptions(), new VenueFactory(() => venue!));
        venue = new WatchingVenue(core.Orders, journal);
        var listener = new DurabilityListener(journal);
        core.AttachJournal(journal);
        core.AttachListener(listener);
        return (core, journal, listener, venue);
    }

    /// <summary>Defers to a venue made after the core (the venue needs the core's book).</summary>
    private sealed class VenueFactory(Func<IVenue> venue) : IVenue
    {
        public long ActivationTimeMs(long orderId, int instrumentId, long createdMs) => venue().ActivationTimeMs(orderId, instrumentId, createdMs);

        public void Submit(Order order) => venue().Submit(order);

        public void Cancel(Order order) => venue().Cancel(order);

        public void OnQuote(in Tick tick, IVenueListener listener) => venue().OnQuote(tick, listener);

        public void OnDurable() => venue().OnDurable();
    }

    private static Tick Quote(string symbol, long timeMs, decimal bid, decimal ask)
    {
        var i = TradingFixture.Instrument(symbol);
        return new Tick { InstrumentId = i.Id, TimestampMs = timeMs, BidTicks = (long)(bid / i.TickSize), AskTicks = (long)(ask / i.TickSize), LastTicks = (long)(bid / i.TickSize), SizeLots = 1_000_000 };
    }

    [Test]
    public void Records_results_and_venue_messages_leave_only_after_their_batch_is_durable()
    {
        var (core, journal, listener, venue) = NewCore();
        var btc = TradingFixture.Id("BTC-USD");
        var now = TradingFixture.T0;
        core.Execute(new Command { Type = CommandType.Start, CorrelationId = 1 }, now);
        Assert.That(listener.Results, Is.Zero, "nothing delivered before the batch commits");
        core.Commit();
        Assert.That(listener.Results, Is.EqualTo(1));
        for (var i = 0; i < 200; i++)
        {
            now += 500;
            core.OnTick(Quote("BTC-USD", now, 60_000m + i, 60_010m + i));
            core.Execute(new Command { Type = CommandType.SubmitOrder, CorrelationId = 10 + i, InstrumentId = btc, Side = i % 2 == 0 ? Side.Buy : Side.Sell, QuantityLots = 1, OrderType = i % 3 == 0 ? OrderType.Limit : OrderType.Market, LimitTicks = i % 3 == 0 ? 5_999_000 : 0 }, now);
            if (i % 7 == 0)
            {
                core.Execute(new Command { Type = CommandType.CancelAll, CorrelationId = 1_000 + i }, now);
            }

            core.Commit();
        }

        core.Execute(new Command { Type = CommandType.EmergencyStop, CorrelationId = 5_000, Flatten = true }, now);
        core.Commit();
        Assert.That(listener.Violations, Is.Empty);
        Assert.That(venue.Violations, Is.Empty);
        Assert.That((listener.LastRecord, listener.Results), Is.EqualTo((core.Sequence, 1 + 200 + 29 + 1)), "every effect was delivered, in the end");
        Assert.That(venue.Sent, Is.Positive);
    }

    [Test]
    public void An_exception_in_the_state_of_record_path_halts_trading_journalled_and_refuses_everything_after()
    {
        var (core, journal, listener, venue) = NewCore();
        var btc = TradingFixture.Id("BTC-USD");
        var now = TradingFixture.T0;
        core.Execute(new Command { Type = CommandType.Start, CorrelationId = 1 }, now);
        core.OnTick(Quote("BTC-USD", now, 60_000m, 60_010m));
        core.Commit();

        var handler = new TradingFaultHandler(core, NullLogger.Instance);
        venue.FailNextSubmit = true;
        var submit = new Command { Type = CommandType.SubmitOrder, CorrelationId = 2, InstrumentId = btc, Side = Side.Buy, QuantityLots = 1 };
        var error = Assert.Throws<InvalidOperationException>(() => core.Execute(submit, now));
        Assert.That(handler.OnEventException(error!, 42, "ll-trading"), Is.EqualTo(Disruptor.ExceptionDecision.Continue), "the stage goes on answering");

        Assert.That((core.Status, core.StatusReason, core.Faulted), Is.EqualTo((TradingStatus.Halted, StatusReason.Fault, true)));
        Assert.That(core.FaultReason, Does.Contain("venue adapter bug"));
        Assert.That(journal.Durable, Is.EqualTo(core.Sequence), "the halt is durable");
        var sequence = core.Sequence;
        Assert.That(core.Execute(new Command { Type = CommandType.ClearHalt, CorrelationId = 3 }, now).Reason, Is.EqualTo(RejectReason.TradingHalted), "not even a clear: a restart must replay first");
        Assert.That(core.Execute(submit with { CorrelationId = 4 }, now).Reason, Is.EqualTo(RejectReason.TradingHalted));
        core.OnTick(Quote("BTC-USD", now + 1_000, 61_000m, 61_010m));
        core.Commit();
        Assert.That(core.Sequence, Is.EqualTo(sequence), "nothing more is decided or journalled");
        Assert.That(listener.Violations, Is.Empty);
    }

    [Test]
    public void On_the_ring_an_exception_in_routing_halts_trading_through_the_fault_policy_and_the_stage_answers_on()
    {
        var (core, journal, listener, venue) = NewCore();
        var btc = TradingFixture.Id("BTC-USD");
        core.Execute(new Command { Type = CommandType.Start, CorrelationId = 1 }, TradingFixture.T0);
        core.OnTick(Quote("BTC-USD", TradingFixture.T0, 60_000m, 60_010m));
        core.Commit();
        venue.FailNextSubmit = true;

        using var disruptor = new Disruptor.Dsl.Disruptor<EngineEvent>(null, 64, Disruptor.ProducerType.Single, new Disruptor.BlockingWaitStrategy());
        disruptor.HandleEventsWith(new RoutingStage(core, null), new Disruptor.ProcessorOptions { Name = "ll-test-trading", ExceptionHandler = new TradingFaultHandler(core, NullLogger.Instance) });
        var ring = disruptor.Start();
        for (var i = 0; i < 3; i++)
        {
            var sequence = ring.Next();
            ring[sequence].SetCommand(new Command { Type = CommandType.SubmitOrder, CorrelationId = 10 + i, InstrumentId = btc, Side = Side.Buy, QuantityLots = 1 }, TradingFixture.T0, 0);
            ring.Publish(sequence);
        }

        Assert.That(disruptor.Shutdown(TimeSpan.FromSeconds(30)), Is.True, "the stage drained the ring instead of stopping at the fault");
        Assert.That((core.Status, core.StatusReason, core.Faulted), Is.EqualTo((TradingStatus.Halted, StatusReason.Fault, true)));
        Assert.That(listener.Outcomes.Where(r => r.CorrelationId > 10).Select(r => r.Reason), Is.EqualTo(new[] { RejectReason.TradingHalted, RejectReason.TradingHalted }), "later commands are answered: refused");
        Assert.That(journal.Durable, Is.EqualTo(core.Sequence), "the halt is durable");
    }
}
