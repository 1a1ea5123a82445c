using System.Text.Json;
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
/// current by applying the engine's records (the same code the engine uses on replay), the latest quote per
/// instrument, and the positions closed since the bridge started. Written by the link's read loop; read by
/// request handlers under the same lock.
/// </summary>
public sealed class ReadModel(InstrumentRegistry registry, AccountOptions account, CommandTracker commands, RealtimeHub hub, HistoryProjection history, AlertService? alerts = null) : IEngineLinkHandler
{
    private const int MaxClosedTrades = 10_000;
    private readonly Lock _lock = new();
    private readonly Tick[] _quotes = new Tick[registry.Count];
    private readonly PriceSummary[] _prices = new PriceSummary[registry.Count];
    private readonly long[] _openedAtMs = new long[registry.Count];
    private readonly List<ClosedTrade> _closed = [];
    private readonly BarAggregator _bars = new(registry.Count, Timeframes.All); // forming candles for clients, from quotes
    private readonly EngineBarFold _engineBars = new(registry, history);
    private readonly Dictionary<int, List<EngineSignal>> _engineSignals = [];
    private readonly StateMirror _mirror = new(registry, account);
    private readonly StrategyTally _strategies = new();

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
            return _quotes[instrumentId];
        }
    }

    /// <summary>The latest price and the day so far; null before the first quote.</summary>
    public PriceSummary? Price(int instrumentId)
    {
        lock (_lock)
        {
            return _prices[instrumentId].TimestampMs == 0 ? null : _prices[instrumentId];
        }
    }

    public IReadOnlyList<ClosedTrade> ClosedTrades()
    {
        lock (_lock)
        {
            return [.. _closed];
        }
    }

    public long OpenedAtMs(int instrumentId)
    {
        lock (_lock)
        {
            return _openedAtMs[instrumentId];
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

            // Orders that changed while the bridge was away: their final status replaces what the history store had.
            foreach (var order in core.Orders.Working.Concat(core.Orders.History))
            {
                history.OnOrder(Views.Order(order, registry[order.InstrumentId]), order.InstrumentId, order.CreatedMs, order.UpdatedMs);
            }
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

            if (record.Type == RecordType.Fill && record.Sequence == _mirror.Sequence + 1)
            {
                TrackClose(core, record); // needs the position before the fill
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
            }

            AlertOnRisk(record);

            if (record.Type == RecordType.Fill && _openedAtMs[record.InstrumentId] == 0 && !core.Account.Position(record.InstrumentId).IsFlat)
            {
                _openedAtMs[record.InstrumentId] = record.TimeMs;
            }

            Project(core, record);
            if (hub.Count > 0)
            {
                PublishTradingEvents(core, record);
            }
        }
    }

    public void OnQuote(in Tick tick)
    {
        if ((uint)tick.InstrumentId >= (uint)_quotes.Length)
        {
            return;
        }

        PriceSummary price;
        lock (_lock)
        {
            LastEngineMessage = DateTimeOffset.UtcNow;
            _quotes[tick.InstrumentId] = tick;
            price = _prices[tick.InstrumentId] = Summarise(_prices[tick.InstrumentId], registry[tick.InstrumentId], tick);
            _mirror.Mark(tick.InstrumentId, tick.BidTicks, tick.AskTicks, tick.TimestampMs);
            _bars.OnTrade(tick.InstrumentId, tick.TimestampMs, (double)price.Price, (double)(tick.SizeLots * registry[tick.InstrumentId].LotSize), DiscardBars.Instance);
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

    /// <summary>A closed one-minute bar from the engine (every tick in it), live or replayed: into the history (see <see cref="EngineBarFold"/>).</summary>
    private void AlertOnRisk(in TradingRecord record)
    {
        if (alerts is null)
        {
            return;
        }

        if (record.Type == RecordType.StatusChanged && (TradingStatus)record.Status == TradingStatus.Halted)
        {
            alerts.OnRiskEvent(null, $"trading halted: {(StatusReason)record.Reason}", record.TimeMs);
        }
        else if (record.Type == RecordType.OrderRejected)
        {
            alerts.OnRiskEvent(record.InstrumentId, $"order {record.OrderId} on {registry[record.InstrumentId].Symbol} rejected: {(RejectReason)record.Reason}", record.TimeMs);
        }
    }

    public void OnBar(int instrumentId, in OhlcvBar bar)
    {
        if ((uint)instrumentId >= (uint)registry.Count)
        {
            return;
        }

        lock (_lock)
        {
            _engineBars.OnBar(instrumentId, bar);
        }

        alerts?.OnBar(instrumentId, bar);
    }

    /// <summary>The engine strategies' latest decisions on one instrument, oldest first (at most 200 kept per instrument).</summary>
    /// <summary>A strategy's realised P&amp;L and fills today, by its engine index.</summary>
    public (decimal Pnl, int Fills) StrategyToday(int strategyIndex)
    {
        lock (_lock)
        {
            return _strategies.Today(strategyIndex, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
        }
    }

    public IReadOnlyList<EngineSignal> EngineSignals(int instrumentId)
    {
        lock (_lock)
        {
            return _engineSignals.TryGetValue(instrumentId, out var list) ? [.. list] : [];
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
            if (!_engineSignals.TryGetValue(signal.InstrumentId, out var list))
            {
                _engineSignals[signal.InstrumentId] = list = [];
            }

            list.Add(signal);
            if (list.Count > 200)
            {
                list.RemoveAt(0);
            }
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

    /// <summary>Orders (latest state) and fills into the history store.</summary>
    private void Project(TradingState core, in TradingRecord record)
    {
        if (record.OrderId != 0 && record.Type is not (RecordType.Command or RecordType.Mark or RecordType.OrderRested) && core.Orders.Find(record.OrderId) is { } order)
        {
            history.OnOrder(Views.Order(order, registry[order.InstrumentId]), order.InstrumentId, order.CreatedMs, order.UpdatedMs);
        }

        if (record.Type == RecordType.Fill)
        {
            var instrument = registry[record.InstrumentId];
            history.OnFill(record.Sequence, record.OrderId, record.InstrumentId, record.Side == Side.Buy ? "BUY" : "SELL", record.QuantityLots * instrument.LotSize, record.PriceTicks * instrument.TickSize, record.Amount, record.TimeMs);
        }
    }

    /// <summary>Order, fill and position events for clients that subscribed to those channels.</summary>
    private void PublishTradingEvents(TradingState core, in TradingRecord record)
    {
        if (record.OrderId != 0 && core.Orders.Find(record.OrderId) is { } order && record.Type is not (RecordType.Command or RecordType.Mark or RecordType.OrderRested))
        {
            hub.PublishEvent("orders", "order_update", JsonSerializer.Serialize(Views.Order(order, registry[order.InstrumentId]), Frames.Json));
        }

        if (record.Type == RecordType.StatusChanged)
        {
            var reason = (StatusReason)record.Reason;
            var status = JsonSerializer.Serialize(new
            {
                state = ((TradingStatus)record.Status).ToString().ToLowerInvariant(),
                reason = reason.ToString(),
                killSwitch = record.Flag,
                timestamp = Timestamps.Iso(record.TimeMs),
            }, Frames.Json);
            hub.PublishEvent("status", "trading_status", status);
            if (reason is StatusReason.DailyLossLimit or StatusReason.DrawdownLimit or StatusReason.EmergencyStop or StatusReason.Fault or StatusReason.Reconciliation)
            {
                hub.PublishEvent("status", "risk_alert", status);
            }
        }

        if (record.Type != RecordType.Fill)
        {
            return;
        }

        var instrument = registry[record.InstrumentId];
        hub.PublishEvent("fills", "fill", JsonSerializer.Serialize(new
        {
            orderId = record.OrderId.ToString(System.Globalization.CultureInfo.InvariantCulture),
            symbol = instrument.Symbol,
            side = record.Side == Side.Buy ? "BUY" : "SELL",
            quantity = record.QuantityLots * instrument.LotSize,
            price = record.PriceTicks * instrument.TickSize,
            fee = record.Amount,
            maker = record.Flag,
            timestamp = Timestamps.Iso(record.TimeMs),
        }, Frames.Json));
        var position = core.Account.Position(record.InstrumentId);
        object payload = position.IsFlat
            ? new { id = instrument.Symbol, symbol = instrument.Symbol, side = "FLAT", quantity = 0m, realizedPnL = decimal.Round(position.RealizedPnl, 2), timestamp = Timestamps.Iso(record.TimeMs) }
            : Views.Position(core, this, instrument, position, instrument.Symbol);
        hub.PublishEvent("positions", "position_update", JsonSerializer.Serialize(payload, Frames.Json));
    }

    private PriceSummary Summarise(PriceSummary day, Instrument instrument, in Tick tick)
    {
        var bid = tick.BidTicks * instrument.TickSize;
        var ask = tick.AskTicks * instrument.TickSize;
        var price = tick.LastTicks > 0 ? tick.LastTicks * instrument.TickSize : (bid + ask) / 2;
        var size = tick.SizeLots * instrument.LotSize;
        var source = history.Sources.Of(instrument.Id) ?? "unknown";
        var newDay = day.TimestampMs == 0 || Timeframe.D1.BucketStart(tick.TimestampMs) != Timeframe.D1.BucketStart(day.TimestampMs);
        return newDay
            ? new PriceSummary(bid, ask, price, price, price, price, size, tick.TimestampMs, source)
            : new PriceSummary(bid, ask, price, day.Open, Math.Max(day.High, price), Math.Min(day.Low, price), day.Volume + size, tick.TimestampMs, source);
    }

    private void TrackClose(TradingState core, in TradingRecord fill)
    {
        var position = core.Account.Position(fill.InstrumentId);
        var before = position.QuantityLots;
        var reduces = before != 0 && (before > 0) == (fill.Side == Side.Sell);
        if (!reduces)
        {
            return;
        }

        var instrument = registry[fill.InstrumentId];
        var lots = Math.Min(Math.Abs(before), fill.QuantityLots);
        var entry = position.AveragePriceTicks * instrument.TickSize;
        var exit = fill.PriceTicks * instrument.TickSize;
        var quantity = lots * instrument.LotSize;
        var pnl = (before > 0 ? exit - entry : entry - exit) * quantity * fill.Rate;
        var trade = new ClosedTrade($"{instrument.Symbol}-{fill.Sequence}", fill.InstrumentId, before > 0 ? "BUY" : "SELL", quantity, decimal.Round(entry, 8), exit, decimal.Round(pnl, 8), _openedAtMs[fill.InstrumentId], fill.TimeMs);
        _closed.Add(trade);
        history.OnClosed(trade);
        if (_closed.Count > MaxClosedTrades)
        {
            _closed.RemoveAt(0);
        }

        if (lots == Math.Abs(before))
        {
            _openedAtMs[fill.InstrumentId] = 0;
        }
    }

    /// <summary>The quote-built candles only feed live clients; history comes from the engine's bars.</summary>
    private sealed class DiscardBars : IBarSink
    {
        public static readonly DiscardBars Instance = new();

        public void OnBarClosed(int instrumentId, Timeframe timeframe, in OhlcvBar bar)
        {
        }
    }
}
