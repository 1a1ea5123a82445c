using System.Diagnostics;
using LowLatency.Engine.Commands;
using LowLatency.Engine.Execution;
using LowLatency.Engine.MarketData;
using LowLatency.Engine.Portfolio;
using LowLatency.Engine.Risk;
using LowLatency.Engine.State;

namespace LowLatency.Engine.Pipeline;

/// <summary>
/// Keeps the live order path hot. Orders are rare next to ticks, so between two of them the other work on the
/// core evicts the code and predictor state of checks, routing and the order book, and the next real order pays
/// for it in microseconds. At most once per interval, while the trading thread is otherwise idle (end of a
/// batch), this sizes and checks a would-be entry per strategy on the real state without keeping anything
/// (<see cref="RiskStage.DryRun"/>), then runs a throw-away order through the routing code on a shadow
/// <see cref="TradingCore"/>: checks, acceptance, the book, the venue, a cancel. The shadow has its own state, no
/// journal and no listener, so nothing of record changes; its clock advances a second per round so its rate
/// limit never refuses.
/// </summary>
public sealed class OrderPathWarmer
{
    /// <summary>The engine's default: about a microsecond of work per millisecond on the trading thread.</summary>
    public static readonly TimeSpan DefaultInterval = TimeSpan.FromMilliseconds(1);

    private readonly TradingCore _shadow;
    private readonly Account _real;
    private readonly RiskStage? _risk;
    private readonly long _intervalTicks;
    private readonly Command _cancelAll = new() { Type = CommandType.CancelAll };
    private long _nextTicks;
    private long _timeMs;

    /// <param name="risk">The live risk stage, whose sizing and checks run dry on the real state (read only).</param>
    public OrderPathWarmer(InstrumentRegistry registry, Account real, RiskStage? risk, RiskLimits limits, PaperExchangeOptions exchange, TimeSpan interval)
    {
        ArgumentNullException.ThrowIfNull(registry);
        ArgumentNullException.ThrowIfNull(real);
        _real = real;
        _risk = risk;
        _intervalTicks = (long)(interval.TotalSeconds * Stopwatch.Frequency);
        _shadow = new TradingCore(registry, new AccountOptions(), limits with { MaxOrderQuantity = new Dictionary<string, decimal>() }, exchange);
        _shadow.Execute(new Command { Type = CommandType.Start }, 0);
    }

    /// <summary>Rounds run so far.</summary>
    public long Rounds { get; private set; }

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

    /// <summary>One round: the risk stage's dry run at <paramref name="timeMs"/>, then a throw-away order on the shadow core priced off a real quote.</summary>
    public void Warm(long timeMs)
    {
        _risk?.DryRun(timeMs);
        var id = QuotedInstrument();
        if (id < 0)
        {
            return;
        }

        _timeMs += 1000;
        var tick = new Tick { InstrumentId = id, TimestampMs = _timeMs, BidTicks = _real.Bid(id), AskTicks = _real.Ask(id), LastTicks = _real.Bid(id), SizeLots = 1 };
        _shadow.MarkQuote(tick);
        var request = new OrderRequest
        {
            InstrumentId = id, Side = Side.Buy, Type = OrderType.Limit, TimeInForce = TimeInForce.Gtc, QuantityLots = 1,
            LimitTicks = tick.BidTicks, StopLossTicks = Math.Max(1, tick.BidTicks - 1), StrategyIndex = -1,
        };
        _shadow.Check(ref request, _timeMs);
        _shadow.Route(request, _timeMs);
        _shadow.Execute(_cancelAll, _timeMs);
        Rounds++;
    }

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
