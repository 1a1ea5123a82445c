using System.Text.Json;
using LowLatency.Analytics;
using LowLatency.Bridge.Alerts;
using LowLatency.Bridge.Analytics;
using LowLatency.Bridge.Api;
using LowLatency.Bridge.Realtime;
using LowLatency.Bridge.Storage;
using LowLatency.Engine.Commands;
using LowLatency.Engine.Execution;
using LowLatency.Engine.MarketData;
using LowLatency.Engine.Portfolio;
using LowLatency.Engine.Risk;
using LowLatency.Engine.State;
using LowLatency.Ipc;
using LowLatency.Ipc.Client;

namespace LowLatency.Bridge.Engine;

/// <summary>
/// The bridge's view of the engine: a <see cref="StateMirror"/> rebuilt from every snapshot and kept
/// current by applying the engine's records (the same code the engine uses on replay), and what it feeds:
/// <see cref="LatestPrices"/>, <see cref="ClosedPositions"/>, <see cref="HistoryRows"/>, <see cref="TradingEvents"/>
/// for live clients, the engine's bars and signals. Written by the link's read loop; read by
/// request handlers under the same lock.
/// </summary>
public sealed class ReadModel(InstrumentRegistry registry, AccountOptions account, CommandTracker commands, RealtimeHub hub, HistoryProjection history, AlertService? alerts = null, bool eventsFromCluster = false) : IEngineLinkHandler
{
    private readonly Lock _lock = new();
    private readonly LatestPrices _prices = new(registry, history.Sources);
    private readonly ClosedPositions _closed = new(registry, history);
    private readonly BarAggregator _bars = new(registry.Count, Timeframes.All); // forming candles for clients, from quotes
    private readonly FormedBars _formedBars = new(history.Sources, alerts);
    private readonly EngineBarFold _engineBars = new(registry, history);
    private readonly EngineSignalLog _engineSignals = new();
    private readonly StateMirror _mirror = new(registry, account);
    private readonly StrategyTally _strategies = new();
    private readonly HistoryRows _rows = new(registry, history);
    private readonly TradingEvents _events = new(registry, hub, eventsFromCluster);

    public InstrumentRegistry Registry => registry;

    public bool EngineConnected { get; private set; }

    public DateTimeOffset? LastEngineMessage { get; private set; }

    /// <summary>Runs <paramref name="read"/> on a consistent view; null when no snapshot arrived yet.</summary>
    public T? Read<T>(Func<TradingState, T> read)
    {
        lock (_lock)
        {
            return _mirror.State is { } core ? read(core) : default;
        }
    }

    /// <summary>The latest quote of an instrument (default when none yet).</summary>
    public Tick Quote(int instrumentId)
    {
        lock (_lock)
        {
            return _prices.Quote(instrumentId);
        }
    }

    /// <summary>The latest price and the day so far; null before the first quote.</summary>
    public PriceSummary? Price(int instrumentId)
    {
        lock (_lock)
        {
            return _prices.Price(instrumentId);
        }
    }

    public IReadOnlyList<ClosedTrade> ClosedTrades()
    {
        lock (_lock)
        {
            return _closed.All();
        }
    }

    public long OpenedAtMs(int instrumentId)
    {
        lock (_lock)
        {
            return _closed.OpenedAtMs(instrumentId);
        }
    }

    public void OnConnected(long engineSequence)
    {
        lock (_lock)
        {
            EngineConnected = true;
            LastEngineMessage = DateTimeOffset.UtcNow;
        }
    }

    public void OnSnapshot(StateSnapshot snapshot)
    {
        lock (_lock)
        {
            var core = _mirror.Reset(snapshot);
            LastEngineMessage = DateTimeOffset.UtcNow;
            _closed.Reconcile(core);
            _rows.OnSnapshot(core);
        }
    }

    public void OnRecord(in TradingRecord record)
    {
        lock (_lock)
        {
            LastEngineMessage = DateTimeOffset.UtcNow;
            if (_mirror.State is not { } core || record.Sequence <= _mirror.Sequence)
            {
                return;
            }

            var balance = core.Account.Balance;
            if (_mirror.Apply(record) != MirrorOutcome.Applied)
            {
                // A gap: this view is wrong until the snapshot the link asks for arrives (trading routes answer 503 meanwhile).
                return;
            }

            if (record.Type == RecordType.Fill)
            {
                _strategies.OnFill(record.StrategyIndex, record.TimeMs, core.Account.Balance - balance);
                _closed.OnFill(record, core.Account.Balance - balance);
            }

            AlertOnRisk(record);

            _rows.OnRecord(core, record);
            if (hub.Count > 0)
            {
                _events.Publish(core, this, record);
            }
        }
    }

    /// <summary>A quote from the linked engine; one of an instrument priced by its owner's marks (which a shard's feeds never price) is not shown.</summary>
    public void OnQuote(in Tick tick)
    {
        if ((uint)tick.InstrumentId >= (uint)registry.Count)
        {
            return;
        }

        if (history.Sources.FromCluster(tick.InstrumentId))
        {
            lock (_lock)
            {
                LastEngineMessage = DateTimeOffset.UtcNow; // the link is alive all the same
            }

            return;
        }

        Show(tick, fromEngine: true);
    }

    /// <summary>
    /// A mark from the cluster's mark board (<see cref="PriceSourceMap.PriceFromCluster"/>): for an instrument the linked
    /// engine does not own, its owner's latest quote, shown as a quote of the linked engine's would be.
    /// </summary>
    public void OnClusterMark(MarkSnapshot mark)
    {
        ArgumentNullException.ThrowIfNull(mark);
        if (registry.TryResolve(mark.Symbol, out var instrument) && history.Sources.FromCluster(instrument.Id))
        {
            history.Sources.OnMark(instrument.Id, mark.Source, mark.Stale);
            Show(new Tick { InstrumentId = instrument.Id, TimestampMs = mark.TimeMs, BidTicks = mark.BidTicks, AskTicks = mark.AskTicks }, fromEngine: false);
        }
    }

    private void Show(in Tick tick, bool fromEngine)
    {
        PriceSummary price;
        lock (_lock)
        {
            if (fromEngine)
            {
                LastEngineMessage = DateTimeOffset.UtcNow;
            }

            price = _prices.OnQuote(tick);
            _mirror.Mark(tick.InstrumentId, tick.BidTicks, tick.AskTicks, tick.TimestampMs);
            _bars.OnTrade(tick.InstrumentId, tick.TimestampMs, (double)price.Price, (double)(tick.SizeLots * registry[tick.InstrumentId].LotSize), _formedBars);
        }

        hub.PublishPrice(tick.InstrumentId, price);
        alerts?.OnQuote(tick.InstrumentId, (double)price.Price, tick.TimestampMs);
        lock (_lock)
        {
            hub.PublishCandles(tick.InstrumentId, _bars);
        }
    }

    public void OnCommandResult(in CommandResult result) => commands.Complete(result);

    /// <summary>The engine's latest status-interval figures (null before the first).</summary>
    public EngineStats? Stats { get; private set; }

    public void OnStats(EngineStats stats)
    {
        history.Sources.Update(stats);
        Stats = stats;
    }

    /// <summary>Where each instrument's prices come from.</summary>
    public PriceSourceMap Sources => history.Sources;

    /// <summary>Halts and refused orders to the alert service.</summary>
    private void AlertOnRisk(in TradingRecord record)
    {
        // On a cluster bridge every shard's risk events, this engine's among them, come from the read side (ClusterFeed).
        if (alerts is not null && !eventsFromCluster && TradingEvents.RiskEvent(record, registry, null) is var (instrument, what))
        {
            alerts.OnRiskEvent(instrument, what, record.TimeMs);
        }
    }

    /// <summary>
    /// A closed one-minute bar from the engine (every tick in it), live or replayed: into the history (see
    /// <see cref="EngineBarFold"/>). One of an instrument priced by its owner's marks is not the owner's and is
    /// dropped: the history's bars of that instrument are the ones its owner's bridge writes.
    /// </summary>
    public void OnBar(int instrumentId, in OhlcvBar bar)
    {
        if ((uint)instrumentId >= (uint)registry.Count || history.Sources.FromCluster(instrumentId))
        {
            return;
        }

        lock (_lock)
        {
            _engineBars.OnBar(instrumentId, bar);
        }

        alerts?.OnBar(instrumentId, bar);
    }

    /// <summary>A strategy's realised P&amp;L and fills today, by its engine index.</summary>
    public (decimal Pnl, int Fills) StrategyToday(int strategyIndex)
    {
        lock (_lock)
        {
            return _strategies.Today(strategyIndex, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
        }
    }

    /// <summary>The engine strategies' latest decisions on one instrument, oldest first (at most 200 kept per instrument).</summary>
    public IReadOnlyList<EngineSignal> EngineSignals(int instrumentId)
    {
        lock (_lock)
        {
            return _engineSignals.For(instrumentId);
        }
    }

    public void OnSignal(EngineSignal signal)
    {
        ArgumentNullException.ThrowIfNull(signal);
        if ((uint)signal.InstrumentId >= (uint)registry.Count)
        {
            return;
        }

        lock (_lock)
        {
            _engineSignals.Add(signal);
        }

        if (hub.Count > 0)
        {
            hub.PublishEvent("signals", "signal", JsonSerializer.Serialize(SignalView.From(signal, registry[signal.InstrumentId].Symbol), Frames.Json));
        }
    }

    public void OnDisconnected(string reason)
    {
        lock (_lock)
        {
            EngineConnected = false;
        }

        commands.FailAll(reason);
    }

    /// <summary>
    /// Where the forming candles' closed bars go: nowhere, since the engine's own closed bars are the history, but for
    /// an instrument priced by its owner's marks, whose engine bars are dropped, the closed minutes go to the alerts.
    /// </summary>
    private sealed class FormedBars(PriceSourceMap sources, AlertService? alerts) : IBarSink
    {
        public void OnBarClosed(int instrumentId, Timeframe timeframe, in OhlcvBar bar)
        {
            if (timeframe == Timeframe.M1 && sources.FromCluster(instrumentId))
            {
                alerts?.OnBar(instrumentId, bar);
            }
        }
    }
}
