using System.Diagnostics;
using HdrHistogram;
using LowLatency.Benchmarks.Workloads;
using LowLatency.Disruptor;
using LowLatency.Engine.Commands;
using LowLatency.Engine.Execution;
using LowLatency.Engine.Journal;
using LowLatency.Engine.Host.Venues;
using LowLatency.Engine.MarketData;
using LowLatency.Engine.Pipeline;
using LowLatency.Engine.Portfolio;
using LowLatency.Engine.Risk;
using LowLatency.Engine.State;
using LowLatency.Fix.Session;
using LowLatency.QuickFix;
using Microsoft.Extensions.Logging.Abstractions;

namespace LowLatency.Benchmarks.Harness;

/// <summary>
/// The engine's own FIX path, driven from one thread like <see cref="PaperClient"/>: a quote and then a marketable
/// order into the core, the batch commit that journals it and hands it to <see cref="FixVenue"/> (with the journal's
/// <see cref="JournalOptions.BeforeSend"/> policy: written, the fsync on the syncer's thread beside; or synced, the
/// fsync before), the venue's sender thread writing the NewOrderSingle to the socket, and QuickFIX's executor's
/// ExecutionReport back through a ring into the core as a fill.
/// </summary>
internal sealed class EngineFixClient : IDisposable
{
    private readonly TradingStore _store;
    private long _synced;
    private readonly InstrumentRegistry _registry = TradingSetup.Registry;
    private readonly QuickFixAcceptor _acceptor;
    private readonly FixVenue _venue;
    private readonly RingBuffer<EngineEvent> _ring = RingBuffer<EngineEvent>.CreateSingleProducer(() => new EngineEvent(), 1024);
    private readonly Sequence _consumed = new();
    private readonly TradingCore _core;
    private readonly int _btc;
    private long _now = 1_700_000_000_000;
    private long _correlation;

    /// <param name="senderSpinUs">The venue's <see cref="VenueOrderPolicy.SenderSpinUs"/>: 0 parks its sender thread between orders.</param>
    public EngineFixClient(string directory, DurabilityPoint beforeSend, int senderSpinUs = 0)
    {
        var name = beforeSend.ToString().ToLowerInvariant() + (senderSpinUs > 0 ? "-spin" : "");
        _btc = _registry.TryResolve("BTC-USD", out var instrument) ? instrument.Id : throw new InvalidOperationException("BTC-USD is not in instruments.json");
        _acceptor = QuickFixAcceptor.StartAsync(AcceptorKind.Executor, "FIX.4.4", ["ENGINE"], Path.Combine(directory, $"acceptor-engine-{name}"), keepLog: false).GetAwaiter().GetResult();
        var options = new FixSessionOptions
        {
            Host = "127.0.0.1", Port = _acceptor.Port, SenderCompId = "ENGINE", TargetCompId = QuickFixAcceptor.AcceptorCompId, HeartBtIntSeconds = 30,
            StoreDirectory = Path.Combine(directory, $"store-engine-{name}"),
        };
        _venue = new FixVenue("bench", options, "LL", _registry, new Dictionary<int, string> { [_btc] = "BTC-USD" }, NullLogger.Instance,
            new VenueOrderPolicy(SenderSpinUs: senderSpinUs));
        var limits = new RiskLimits { MaxOrdersPerSecond = 1_000_000, MaxOpenPositions = 1_000, MaxPositionPercent = 100, MaxPositionNotional = 1e12m };
        _core = new TradingCore(_registry, new AccountOptions { InitialBalance = 1e12m }, limits, new PaperExchangeOptions { LatencyMs = 0, LatencyJitterMs = 0 },
            venues: paper => new VenueRouter(_registry.Count, paper, new Dictionary<int, IVenue> { [_btc] = _venue }));
        _store = new TradingStore(Path.Combine(directory, $"engine-{name}"), new JournalOptions { BeforeSend = beforeSend, SnapshotEveryRecords = 0 });
        _store.Open(_core);
        if (beforeSend == DurabilityPoint.Written)
        {
            _store.AttachSyncer(position => Volatile.Write(ref _synced, position)); // the host publishes it into the ring; here the driver polls
            _core.SyncBeside(DurabilityPoint.Synced);
        }

        _core.BeginIncarnation(DataIncarnation.Begin(Path.Combine(directory, $"engine-{name}"), DateTimeOffset.UtcNow));
        _ring.AddGatingSequences(_consumed);
        _venue.Start(_ring);
        if (!_venue.Session.WaitForAsync(s => s == FixSessionState.Active, TimeSpan.FromSeconds(20)).GetAwaiter().GetResult())
        {
            throw new InvalidOperationException($"no FIX session with the executor: {_venue.Session.LastEvent}");
        }

        Tick();
        _core.Execute(new Command { Type = CommandType.Start, CorrelationId = ++_correlation }, _now);
        _core.Commit();
        var reconciled = Stopwatch.GetTimestamp() + (10 * Stopwatch.Frequency);
        while (!_venue.Reconciled)
        {
            Check(reconciled, "the venue was not reconciled");
            if (!Drain())
            {
                Thread.Sleep(1);
            }
        }
    }

    /// <param name="written">Quote in → the order's NewOrderSingle written to the socket, stamped by the venue's sender thread as it wrote.</param>
    /// <param name="trips">Quote in → the executor's fill applied in the core.</param>
    public void RoundTrips(int orders, HistogramBase written, HistogramBase trips)
    {
        for (var i = 0; i < orders; i++)
        {
            var fills = _core.FillCount;
            var sent = _venue.Session.Metrics.MessagesOut;
            var side = i % 2 == 0 ? Side.Buy : Side.Sell; // stay flat: the position limits never bind
            var start = Stopwatch.GetTimestamp();
            Tick();
            _core.Execute(new Command
            {
                Type = CommandType.SubmitOrder, CorrelationId = ++_correlation, InstrumentId = _btc, Side = side, OrderType = OrderType.Limit,
                TimeInForce = TimeInForce.Gtc, QuantityLots = 100, LimitTicks = side == Side.Buy ? 6_500_100 : 6_499_900,
            }, _now);
            _core.Commit();
            var deadline = start + (5 * Stopwatch.Frequency);
            var spin = default(SpinWait);
            while (_venue.Session.Metrics.MessagesOut == sent)
            {
                Check(deadline, "the NewOrderSingle was not written");
                spin.SpinOnce(sleep1Threshold: -1);
            }

            Nanoseconds.Record(written, start, _venue.Session.Metrics.LastOutTicks); // when the sender thread wrote it, not when this thread next looked
            while (_core.FillCount == fills)
            {
                Check(deadline, "no fill from the executor");
                if (!Drain())
                {
                    spin.SpinOnce(sleep1Threshold: -1);
                }
            }

            Nanoseconds.Record(trips, start, Stopwatch.GetTimestamp());
        }
    }

    /// <summary>The venue's reports in the ring into the core, then the commit that confirms them to the session (with the syncer's word, as the ring would bring it).</summary>
    private bool Drain()
    {
        _core.OnJournalSynced(Volatile.Read(ref _synced));
        var next = _consumed.Value + 1;
        var cursor = _ring.Cursor;
        if (cursor < next)
        {
            return false;
        }

        for (; next <= cursor; next++)
        {
            _core.ApplyVenueReport(_ring[next].Report);
        }

        _consumed.SetValue(cursor);
        _core.Commit();
        return true;
    }

    private void Check(long deadline, string what)
    {
        if (Stopwatch.GetTimestamp() > deadline)
        {
            throw new TimeoutException($"{what} within 5 s: {_venue.Session.LastEvent}");
        }
    }

    private void Tick()
    {
        _now += 1;
        _core.OnTick(new Tick { InstrumentId = _btc, TimestampMs = _now, BidTicks = 6_499_900, AskTicks = 6_500_100, LastTicks = 6_500_000, SizeLots = 1_000_000 });
        _core.Commit();
    }

    public void Dispose()
    {
        _store.Dispose();
        _venue.Stop();
        _venue.Dispose();
        _acceptor.DisposeAsync().AsTask().GetAwaiter().GetResult();
    }
}
