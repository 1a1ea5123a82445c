using System.Diagnostics;
using LowLatency.Engine.Commands;
using LowLatency.Engine.Execution;
using LowLatency.Engine.MarketData;
using LowLatency.Engine.Portfolio;
using LowLatency.Engine.Risk;
using LowLatency.Engine.Strategies;

namespace LowLatency.Engine.Pipeline;

/// <summary>
/// Keeps the live order path hot. Orders are rare next to ticks (one per thousands), so between two of them the
/// code, branch history and data of bar closes, indicator updates, decisions, sizing, checks, routing and the
/// book go cold, and the next real order pays microseconds for it (measured: p50 tick→order 0.8 µs with an order
/// every few milliseconds, 4 µs with one every 100 ms). At most once per interval, while the trading thread is
/// otherwise idle (end of a batch), one round:
/// <list type="bullet">
/// <item>reads the real state the order path reads: the risk stage's sizing and checks run dry
/// (<see cref="RiskStage.DryRun"/>) and the book slot the next order id lands in is looked up;</item>
/// <item>drives a <em>shadow pipeline</em> — the same stage classes over fresh copies of the strategies and a
/// core of its own, without journal or listener — through a whole order: a tick priced off the real quote one
/// bar later in shadow time closes a bar, the strategy updates its indicators and decides, a decision is forced
/// where it had none (alternating long and short, so entries, reversals, brackets and fills all run), the risk
/// stage sizes and checks it and the routing stage routes it.</item>
/// </list>
/// Nothing of record changes: the shadow has its own state, fees and slippage of zero so its equity does not
/// drain, loss limits it cannot reach, and it starts over (the only allocation) when its clock nears the calendar's
/// end or its equity has halved.
/// </summary>
public sealed class OrderPathWarmer
{
    /// <summary>
    /// The engine's default. What the rounds keep warm decays within about a millisecond on the shared 2-core
    /// machine (tick→order p50 2.6 µs with a round per millisecond, 1.7 µs with one per 200 µs); a round costs
    /// a few microseconds of an otherwise idle trading thread, about 1 % of it.
    /// </summary>
    public static readonly TimeSpan DefaultInterval = TimeSpan.FromMicroseconds(200);

    private const long ShadowEpochMs = 946_684_800_000; // 2000-01-01: far from the real clock, so nothing is confused
    private const long ShadowEndMs = 221_845_392_000_000; // 9000-01-01: well inside DateTime's range

    private readonly InstrumentRegistry _registry;
    private readonly IReadOnlyList<Strategy> _strategies;
    private readonly AccountOptions _account;
    private readonly RiskLimits _limits;
    private readonly PaperExchangeOptions _exchange;
    private readonly Account _real;
    private readonly OrderBook _realOrders;
    private readonly RiskStage? _risk;
    private readonly long _intervalTicks;
    private readonly Command _cancelAll = new() { Type = CommandType.CancelAll };
    private TradingPipeline _shadow = null!;
    private EngineEvent _entry;
    private long _sequence;
    private long _shadowTimeMs;
    private int _next;
    private bool _long;
    private long _nextTicks;
    private long _shadowOrdersBefore;

    /// <param name="strategies">The live strategies; the shadow runs fresh copies built from their definitions.</param>
    /// <param name="real">The live core's account and book, read (never written) each round.</param>
    /// <param name="risk">The live risk stage, whose sizing and checks run dry on the real state (read only).</param>
    public OrderPathWarmer(InstrumentRegistry registry, IReadOnlyList<Strategy> strategies, AccountOptions account, RiskLimits limits, PaperExchangeOptions exchange, Account real, OrderBook realOrders, RiskStage? risk, TimeSpan interval)
    {
        ArgumentNullException.ThrowIfNull(registry);
        ArgumentNullException.ThrowIfNull(strategies);
        ArgumentNullException.ThrowIfNull(real);
        ArgumentNullException.ThrowIfNull(realOrders);
        ArgumentNullException.ThrowIfNull(limits);
        ArgumentNullException.ThrowIfNull(exchange);
        _registry = registry;
        _strategies = strategies;
        _account = account;
        _limits = limits with { MaxOrderQuantity = new Dictionary<string, decimal>(), MaxDailyLossPercent = 100, MaxDrawdownPercent = 100 };
        _exchange = exchange with { TakerFeeBps = 0, MakerFeeBps = 0, MaxSlippageTicks = 0 };
        _real = real;
        _realOrders = realOrders;
        _risk = risk;
        _intervalTicks = (long)(interval.TotalSeconds * Stopwatch.Frequency);
        StartShadow();
    }

    /// <summary>Rounds that ran an order through the shadow so far (none until a real quote arrives).</summary>
    public long Rounds { get; private set; }

    /// <summary>Orders the shadow has created (a measure of how much of the path the rounds exercise).</summary>
    public long ShadowOrders => _shadow.Core.Orders.LastOrderId + _shadowOrdersBefore;

    /// <summary>Times the shadow started over.</summary>
    public int ShadowRestarts { get; private set; }

    /// <summary>Runs one round if the interval has passed since the last; cheap otherwise.</summary>
    public void MaybeWarm(long nowTicks, long timeMs)
    {
        if (nowTicks < _nextTicks)
        {
            return;
        }

        _nextTicks = nowTicks + _intervalTicks;
        Warm(timeMs);
    }

    /// <summary>One round (see the type's summary); <paramref name="timeMs"/> is the real clock, for the dry run.</summary>
    public void Warm(long timeMs)
    {
        _risk?.DryRun(timeMs);
        _ = _realOrders.TryGetWorking(_realOrders.LastOrderId + 1, out _);
        if (_shadowTimeMs >= ShadowEndMs || _shadow.Core.Account.Equity < (double)_account.InitialBalance / 2)
        {
            _shadowOrdersBefore += _shadow.Core.Orders.LastOrderId;
            ShadowRestarts++;
            StartShadow();
        }

        if (_strategies.Count > 0 ? StrategyRound() : ManualOrderRound())
        {
            Rounds++;
        }
    }

    private void StartShadow()
    {
        var copies = StrategyLoader.Copy(_strategies);
        _shadow = new TradingPipeline(_registry, copies, _account, _limits, _exchange, measureLatency: false);
        _shadowTimeMs = ShadowEpochMs;
        _entry = default;
        _entry.SetCommand(new Command { Type = CommandType.Start }, _shadowTimeMs, 0);
        _shadow.Process(ref _entry, ++_sequence, true);
    }

    /// <summary>A bar closes for the next strategy in turn; its decision (forced where it had none) is sized, checked and routed.</summary>
    private bool StrategyRound()
    {
        Strategy? strategy = null;
        for (var tried = 0; tried < _strategies.Count && strategy is null; tried++)
        {
            var candidate = _strategies[_next];
            _next = (_next + 1) % _strategies.Count;
            strategy = _real.HasQuote(candidate.Instrument.Id) ? candidate : null; // priced off a real quote only
        }

        if (strategy is null)
        {
            return false;
        }

        var id = strategy.Instrument.Id;

        _shadowTimeMs = strategy.Timeframe.NextBucketStart(strategy.Timeframe.BucketStart(_shadowTimeMs));
        _entry.SetTick(RealQuote(id, _shadowTimeMs), 0);
        _entry.SlotCount = 0;
        _entry.RequestCount = 0;
        _entry.Error = IngestError.None;
        var sequence = ++_sequence;
        _shadow.Ingest.OnEvent(ref _entry, sequence, true);
        _shadow.Indicators.OnEvent(ref _entry, sequence, true);
        _shadow.Signals.OnEvent(ref _entry, sequence, true);
        for (var i = 0; i < _entry.SlotCount; i++)
        {
            ref var signal = ref _entry.Slots[i].Signal;
            if (signal.Direction is SignalDirection.None or SignalDirection.Flat)
            {
                // Reverse an open position (a close and an entry); from flat, alternate the side.
                var position = _shadow.Core.Account.Position(id).QuantityLots;
                _long = position == 0 ? !_long : position < 0;
                var atr = signal.Atr > 0 ? signal.Atr : signal.Price * 0.005;
                signal = new Signal
                {
                    Direction = _long ? SignalDirection.Long : SignalDirection.Short, Confidence = 1, Price = signal.Price, Atr = atr,
                    StopDistance = atr * strategy.Definition.Exits.StopLossAtr, TakeDistance = atr * strategy.Definition.Exits.TakeProfitAtr,
                };
            }
        }

        _shadow.Risk.OnEvent(ref _entry, sequence, true);
        _shadow.Routing.OnEvent(ref _entry, sequence, true);
        return true;
    }

    /// <summary>Without strategies, orders come only from commands: a throw-away bracketed limit order through checks, routing and the book, then a cancel.</summary>
    private bool ManualOrderRound()
    {
        var id = QuotedInstrument();
        if (id < 0)
        {
            return false;
        }

        _shadowTimeMs += 1000; // a second per round: the shadow's rate limit never refuses
        var tick = RealQuote(id, _shadowTimeMs);
        var core = _shadow.Core;
        core.MarkQuote(tick);
        var request = new OrderRequest
        {
            InstrumentId = id, Side = Side.Buy, Type = OrderType.Limit, TimeInForce = TimeInForce.Gtc, QuantityLots = 1,
            LimitTicks = tick.BidTicks, StopLossTicks = Math.Max(1, tick.BidTicks - 1), StrategyIndex = -1,
        };
        core.Check(ref request, _shadowTimeMs);
        core.Route(request, _shadowTimeMs);
        core.Execute(_cancelAll, _shadowTimeMs);
        return true;
    }

    // Deep enough that the shadow's orders fill whole on the next round (partial fills would keep entries working for many rounds).
    private Tick RealQuote(int id, long timeMs) =>
        new() { InstrumentId = id, TimestampMs = timeMs, BidTicks = _real.Bid(id), AskTicks = _real.Ask(id), LastTicks = _real.Bid(id), SizeLots = 1_000_000_000 };

    private int QuotedInstrument()
    {
        for (var i = 0; i < _real.InstrumentCount; i++)
        {
            if (_real.HasQuote(i))
            {
                return i;
            }
        }

        return -1;
    }
}
