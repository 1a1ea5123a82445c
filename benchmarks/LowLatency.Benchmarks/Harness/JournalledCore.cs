using System.Diagnostics;
using LowLatency.Benchmarks.Workloads;
using LowLatency.Disruptor;
using LowLatency.Engine.Commands;
using LowLatency.Engine.Execution;
using LowLatency.Engine.Host.Venues;
using LowLatency.Engine.Journal;
using LowLatency.Engine.MarketData;
using LowLatency.Engine.Pipeline;
using LowLatency.Engine.Portfolio;
using LowLatency.Engine.Risk;
using LowLatency.Engine.State;

namespace LowLatency.Benchmarks.Harness;

/// <summary>
/// The trading core as the venue benchmarks drive it from one thread: BTC-USD routed to a real venue, journalled
/// under a <c>beforeSend</c> policy (with <c>written</c>, the syncer beside and its position polled here, as the
/// host would publish it), the venue's reports taken from a ring into the core, a quote before every order.
/// </summary>
internal sealed class JournalledCore : IDisposable
{
    private readonly TradingStore _store;
    private readonly RingBuffer<EngineEvent> _ring = RingBuffer<EngineEvent>.CreateSingleProducer(() => new EngineEvent(), 1024);
    private readonly Sequence _consumed = new();
    private long _synced;
    private long _now = 1_700_000_000_000;
    private long _correlation;

    public JournalledCore(string dataDirectory, DurabilityPoint beforeSend, Func<int, IVenue> venue)
    {
        var registry = TradingSetup.Registry;
        Btc = registry.TryResolve("BTC-USD", out var instrument) ? instrument.Id : throw new InvalidOperationException("BTC-USD is not in instruments.json");
        var real = venue(Btc);
        var limits = new RiskLimits { MaxOrdersPerSecond = 1_000_000, MaxOpenPositions = 1_000, MaxPositionPercent = 100, MaxPositionNotional = 1e12m };
        Core = new TradingCore(registry, new AccountOptions { InitialBalance = 1e12m }, limits, new PaperExchangeOptions { LatencyMs = 0, LatencyJitterMs = 0 },
            venues: paper => new VenueRouter(registry.Count, paper, new Dictionary<int, IVenue> { [Btc] = real }));
        _store = new TradingStore(dataDirectory, new JournalOptions { BeforeSend = beforeSend, SnapshotEveryRecords = 0 });
        _store.Open(Core);
        if (beforeSend == DurabilityPoint.Written)
        {
            _store.AttachSyncer(position => Volatile.Write(ref _synced, position));
            Core.SyncBeside(DurabilityPoint.Synced);
        }

        Core.BeginIncarnation(DataIncarnation.Begin(dataDirectory, DateTimeOffset.UtcNow));
        _ring.AddGatingSequences(_consumed);
    }

    public TradingCore Core { get; }

    public int Btc { get; }

    /// <summary>Where the venue publishes its reports.</summary>
    public RingBuffer<EngineEvent> Ring => _ring;

    /// <summary>A quote, then trading started, then the venue's reports taken in until its reconciliation is applied (new orders may go).</summary>
    public void StartReconciled(IRemoteVenue venue, TimeSpan timeout)
    {
        Tick();
        Core.Execute(new Command { Type = CommandType.Start, CorrelationId = ++_correlation }, _now);
        Core.Commit();
        var deadline = Stopwatch.GetTimestamp() + (long)(timeout.TotalSeconds * Stopwatch.Frequency);
        while (!venue.Reconciled)
        {
            if (Stopwatch.GetTimestamp() > deadline)
            {
                throw new TimeoutException($"the venue was not reconciled within {timeout.TotalSeconds} s: {venue.Stats().LastEvent}");
            }

            if (!Drain())
            {
                Thread.Sleep(1);
            }
        }
    }

    /// <summary>A quote, then an order of 100 lots (a limit at the touch, or a market order), committed: journalled and handed to the venue.</summary>
    public void Submit(Side side, OrderType type)
    {
        Tick();
        Core.Execute(new Command
        {
            Type = CommandType.SubmitOrder, CorrelationId = ++_correlation, InstrumentId = Btc, Side = side, OrderType = type, TimeInForce = TimeInForce.Gtc, QuantityLots = 100,
            LimitTicks = type == OrderType.Market ? 0 : side == Side.Buy ? 6_500_100 : 6_499_900,
        }, _now);
        Core.Commit();
    }

    /// <summary>The venue's reports in the ring into the core, then the commit that confirms them (with the syncer's word, as the ring would bring it); false when there were none.</summary>
    public bool Drain()
    {
        Core.OnJournalSynced(Volatile.Read(ref _synced));
        var next = _consumed.Value + 1;
        var cursor = _ring.Cursor;
        if (cursor < next)
        {
            return false;
        }

        for (; next <= cursor; next++)
        {
            Core.ApplyVenueReport(_ring[next].Report);
        }

        _consumed.SetValue(cursor);
        Core.Commit();
        return true;
    }

    private void Tick()
    {
        _now += 1;
        Core.OnTick(new Tick { InstrumentId = Btc, TimestampMs = _now, BidTicks = 6_499_900, AskTicks = 6_500_100, LastTicks = 6_500_000, SizeLots = 1_000_000 });
        Core.Commit();
    }

    public void Dispose() => _store.Dispose();
}
