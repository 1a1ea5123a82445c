using System.Diagnostics;
using System.Runtime.CompilerServices;
using LowLatency.Engine.Execution;
using LowLatency.Engine.MarketData;
using LowLatency.Engine.Portfolio;

namespace LowLatency.Engine.Risk;

/// <summary>
/// The pre-trade checks, in DESIGN.md's order: kill switch, trading state, instrument tradable, price band,
/// order quantity and notional, position, open positions, gross exposure, daily loss and drawdown, order rate. The first
/// failure is the verdict. Orders that only reduce a position skip the checks that guard against new risk
/// (kill switch, state, position, open positions, loss limits): getting out is always allowed.
/// </summary>
public sealed class PreTradeRisk
{
    private readonly Account _account;
    private readonly RiskLimits _limits;
    private readonly Instrument[] _instruments;
    private readonly long[] _maxOrderLots;
    private readonly OrderRateLimiter _rate;
    private readonly double _maxOrderNotional;
    private readonly double _maxPositionNotional;
    private double _maxGrossExposure;
    private int _maxOpenPositions;
    private RiskBudget _lossSlices;
    private readonly long[] _staleAfterTicks;
    private readonly long[] _lastArrivalTicks;
    private readonly bool[] _tradable;
    private bool _watchStaleness;

    public PreTradeRisk(InstrumentRegistry registry, Account account, RiskLimits limits)
    {
        ArgumentNullException.ThrowIfNull(registry);
        ArgumentNullException.ThrowIfNull(account);
        ArgumentNullException.ThrowIfNull(limits);
        _account = account;
        _limits = limits;
        _instruments = [.. registry.All];
        _maxOrderLots = new long[_instruments.Length];
        Array.Fill(_maxOrderLots, long.MaxValue);
        foreach (var (symbol, quantity) in limits.MaxOrderQuantity)
        {
            if (!registry.TryResolve(symbol, out var instrument))
            {
                throw new ArgumentException($"risk.maxOrderQuantity: unknown symbol '{symbol}'", nameof(limits));
            }

            _maxOrderLots[instrument.Id] = (long)decimal.Floor(quantity / instrument.LotSize);
        }

        _staleAfterTicks = new long[_instruments.Length];
        Array.Fill(_staleAfterTicks, StaleTicks(limits.StaleAfterMs));
        foreach (var (symbol, ms) in limits.StaleAfterMsBySymbol)
        {
            if (!registry.TryResolve(symbol, out var instrument))
            {
                throw new ArgumentException($"risk.staleAfterMsBySymbol: unknown symbol '{symbol}'", nameof(limits));
            }

            _staleAfterTicks[instrument.Id] = StaleTicks(ms);
        }

        _tradable = new bool[_instruments.Length];
        Array.Fill(_tradable, limits.TradableSymbols.Count == 0);
        foreach (var symbol in limits.TradableSymbols)
        {
            _tradable[registry.TryResolve(symbol, out var instrument) ? instrument.Id : throw new ArgumentException($"risk.tradableSymbols: unknown symbol '{symbol}'", nameof(limits))] = true;
        }

        _lastArrivalTicks = new long[_instruments.Length];
        _rate = new OrderRateLimiter(limits.MaxOrdersPerSecond);
        _maxOrderNotional = (double)limits.MaxOrderNotional;
        _maxPositionNotional = (double)limits.MaxPositionNotional;
        _maxGrossExposure = (double)limits.MaxGrossExposure;
        _maxOpenPositions = limits.MaxOpenPositions;
        var gross = (long)decimal.Floor(limits.MaxGrossExposure);
        Configured = new RiskBudget(0, 0, limits.MaxOpenPositions, gross, limits.MaxOpenPositions, gross);
    }

    /// <summary>The budget as configured (version 0): the shard's share of the account's open positions and gross exposure, and the pool it is cut from.</summary>
    public RiskBudget Configured { get; }

    /// <summary>Trades on <paramref name="budget"/>'s limits from now on (its version 0: the configured ones).</summary>
    public void Rebudget(in RiskBudget budget)
    {
        (_maxOpenPositions, _maxGrossExposure) = budget.Version == 0
            ? (_limits.MaxOpenPositions, (double)_limits.MaxGrossExposure)
            : (budget.MaxOpenPositions, budget.MaxGrossExposure);
        _lossSlices = budget.Version > 0 && budget.HasLossSlices ? budget : default;
    }

    /// <summary>The daily loss the configured percentage allows today, in whole units of the account's currency (rounded down).</summary>
    public long ConfiguredDailyLoss() => (long)Math.Floor((double)_account.Today.StartBalance * _limits.MaxDailyLossPercent / 100);

    /// <summary>The drawdown the configured percentage allows at the peak balance (rounded down).</summary>
    public long ConfiguredDrawdown() => (long)Math.Floor((double)_account.PeakBalance * _limits.MaxDrawdownPercent / 100);

    /// <summary>The day's starting balance less equity; 0 in profit.</summary>
    public double DailyLoss() => Math.Max(0, (double)_account.Today.StartBalance - _account.Equity);

    /// <summary>The peak balance less equity; 0 at the peak.</summary>
    public double Drawdown() => Math.Max(0, (double)_account.PeakBalance - _account.Equity);

    public RiskLimits Limits => _limits;

    /// <summary>
    /// Live only: from now on an instrument whose last quote arrived longer ago than its limit is stale. Backtests
    /// never call this (their quotes arrive as fast as they are read), so the same checks stay deterministic there.
    /// Until its first quote after the call, an instrument counts as stale: a recovered quote is not a market.
    /// </summary>
    public void WatchStaleness() => _watchStaleness = true;

    /// <summary>The trading thread, on every accepted quote: when it arrived (<see cref="Stopwatch"/> ticks).</summary>
    public void MarkArrival(int instrumentId, long arrivalTicks)
    {
        if ((uint)instrumentId < (uint)_lastArrivalTicks.Length)
        {
            _lastArrivalTicks[instrumentId] = arrivalTicks;
        }
    }

    /// <summary>Whether the instrument's prices are stale at <paramref name="nowTicks"/>; any thread (a status line may read a moment-old value).</summary>
    public bool IsStale(int instrumentId, long nowTicks) =>
        _watchStaleness && _staleAfterTicks[instrumentId] > 0 && nowTicks - Volatile.Read(ref _lastArrivalTicks[instrumentId]) > _staleAfterTicks[instrumentId];

    /// <summary>Validates the request's own fields: quantity, prices for its type, bracket sides.</summary>
    // The order path runs rarely: compiled optimised at once instead of staying in tier-0 code for its first calls.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static RejectReason Validate(in OrderRequest request, int instrumentCount)
    {
        if ((uint)request.InstrumentId >= (uint)instrumentCount)
        {
            return RejectReason.InstrumentNotTradable;
        }

        if (request.QuantityLots <= 0)
        {
            return RejectReason.InvalidQuantity;
        }

        var needsLimit = request.Type is OrderType.Limit or OrderType.StopLimit;
        var needsStop = request.Type is OrderType.Stop or OrderType.StopLimit;
        if ((needsLimit && request.LimitTicks <= 0) || (needsStop && request.StopTicks <= 0)
            || (!needsLimit && request.LimitTicks != 0) || (!needsStop && request.StopTicks != 0)
            || request.StopLossTicks < 0 || request.TakeProfitTicks < 0)
        {
            return RejectReason.InvalidPrice;
        }

        if (request.Side is not (Side.Buy or Side.Sell) || (uint)request.Type > (uint)OrderType.StopLimit || (uint)request.TimeInForce > (uint)TimeInForce.Day)
        {
            return RejectReason.InvalidOrder;
        }

        return RejectReason.None;
    }

    /// <summary>Runs every check; returns the first failure or <see cref="RejectReason.None"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public RejectReason Check(in OrderRequest request, TradingStatus status, bool killSwitch, long timeMs)
    {
        var invalid = Validate(request, _instruments.Length);
        if (invalid != RejectReason.None)
        {
            return invalid;
        }

        var id = request.InstrumentId;
        var position = _account.Position(id).QuantityLots;
        var signed = request.Side == Side.Buy ? request.QuantityLots : -request.QuantityLots;
        var reducing = position != 0 && Math.Sign(signed) != Math.Sign(position) && request.QuantityLots <= Math.Abs(position);
        if (request.ReduceOnly && !reducing)
        {
            return RejectReason.NoPosition;
        }

        if (!reducing)
        {
            if (killSwitch)
            {
                return RejectReason.KillSwitch;
            }

            var state = StateVerdict(status);
            if (state != RejectReason.None)
            {
                return state;
            }

            if (!_tradable[id])
            {
                return RejectReason.InstrumentNotTradable;
            }
        }

        if (!_account.HasQuote(id))
        {
            return RejectReason.NoMarketData;
        }

        if (!reducing && IsStale(id, Stopwatch.GetTimestamp()))
        {
            return RejectReason.StaleMarketData;
        }

        var mid = _account.MidTicks(id);
        if (!BracketOnCorrectSides(request, mid))
        {
            return RejectReason.InvalidPrice;
        }

        if (OutsideBand(request.LimitTicks, request.Side, mid) || OutsideBand(request.StopTicks, request.Side, mid))
        {
            return RejectReason.PriceBand;
        }

        if (request.QuantityLots > _maxOrderLots[id])
        {
            return RejectReason.MaxOrderQuantity;
        }

        var price = request.LimitTicks > 0 ? request.LimitTicks : request.StopTicks > 0 ? request.StopTicks : mid;
        var perLot = MoneyPerLot(id, price);
        if (request.QuantityLots * perLot > _maxOrderNotional)
        {
            return RejectReason.MaxOrderNotional;
        }

        if (!reducing)
        {
            var after = position + signed;
            if (Math.Abs(after) * perLot > _maxPositionNotional)
            {
                return RejectReason.MaxPosition;
            }

            if (position == 0 && _account.OpenPositions >= _maxOpenPositions)
            {
                return RejectReason.MaxOpenPositions;
            }

            if (_maxGrossExposure > 0 && GrossExposure() - (Math.Abs(position) * MoneyPerLot(id, mid)) + (Math.Abs(after) * perLot) > _maxGrossExposure)
            {
                return RejectReason.MaxGrossExposure;
            }

            var loss = LossVerdict();
            if (loss != RejectReason.None)
            {
                return loss;
            }
        }

        return _rate.CanAccept(timeMs) ? RejectReason.None : RejectReason.OrderRate;
    }

    /// <summary>Counts an accepted order against the rate limit.</summary>
    public void RecordAccepted(long timeMs) => _rate.Record(timeMs);

    /// <summary>The daily-loss or drawdown limit that the current equity breaches, if any: a coordinator's slices in money once it has set them, else the configured percentages.</summary>
    public RejectReason LossVerdict()
    {
        if (_lossSlices.HasLossSlices)
        {
            var loss = DailyLoss();
            if (loss > 0 && loss >= _lossSlices.MaxDailyLoss)
            {
                return RejectReason.DailyLossLimit;
            }

            var drawdown = Drawdown();
            return drawdown > 0 && drawdown >= _lossSlices.MaxDrawdown ? RejectReason.DrawdownLimit : RejectReason.None;
        }

        var equity = _account.Equity;
        var start = (double)_account.Today.StartBalance;
        if (start > 0 && start - equity >= start * _limits.MaxDailyLossPercent / 100)
        {
            return RejectReason.DailyLossLimit;
        }

        var peak = (double)_account.PeakBalance;
        return peak > 0 && peak - equity >= peak * _limits.MaxDrawdownPercent / 100 ? RejectReason.DrawdownLimit : RejectReason.None;
    }

    /// <summary>The sum of every position's notional at its mid (the order path only: a walk over the instruments).</summary>
    public double GrossExposure()
    {
        var gross = 0.0;
        for (var i = 0; i < _instruments.Length; i++)
        {
            var lots = _account.Position(i).QuantityLots;
            if (lots != 0 && _account.HasQuote(i))
            {
                gross += Math.Abs(lots) * MoneyPerLot(i, _account.MidTicks(i));
            }
        }

        return gross;
    }

    /// <summary>Account-currency value of one lot at <paramref name="priceTicks"/>.</summary>
    public double MoneyPerLot(int instrumentId, double priceTicks) => priceTicks * _account.MoneyPerTickLot(instrumentId);

    private static long StaleTicks(double ms) =>
        double.IsFinite(ms) && ms > 0 ? (long)(ms / 1000 * Stopwatch.Frequency) : 0;

    private static RejectReason StateVerdict(TradingStatus status) => status switch
    {
        TradingStatus.Running => RejectReason.None,
        TradingStatus.Paused => RejectReason.TradingPaused,
        TradingStatus.Halted => RejectReason.TradingHalted,
        _ => RejectReason.TradingStopped,
    };

    /// <summary>A price beyond the band of its side: above the mid is aggressive for a buy and passive for a sell.</summary>
    private bool OutsideBand(long priceTicks, Side side, double mid)
    {
        if (priceTicks <= 0)
        {
            return false;
        }

        var above = priceTicks > mid;
        var aggressive = above == (side == Side.Buy);
        var percent = aggressive ? _limits.PriceBandPercent : _limits.PassivePriceBandPercent;
        return Math.Abs(priceTicks - mid) > mid * percent / 100;
    }

    private static bool BracketOnCorrectSides(in OrderRequest request, double mid)
    {
        // A long's stop-loss sits below and its take-profit above the market; a short's the other way round.
        var buy = request.Side == Side.Buy;
        var slOk = request.StopLossTicks == 0 || (buy ? request.StopLossTicks < mid : request.StopLossTicks > mid);
        var tpOk = request.TakeProfitTicks == 0 || (buy ? request.TakeProfitTicks > mid : request.TakeProfitTicks < mid);
        return slOk && tpOk;
    }
}
