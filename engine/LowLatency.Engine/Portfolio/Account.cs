using System.Runtime.CompilerServices;
using LowLatency.Engine.MarketData;

namespace LowLatency.Engine.Portfolio;

/// <summary>
/// Balance, positions and marks of the trading account. The balance and positions are exact (decimal, changed
/// only by fills); equity marks the open positions to the latest quotes in <c>double</c>, which is what the risk
/// monitor needs on every tick without decimal arithmetic.
/// </summary>
public sealed class Account
{
    private readonly Instrument[] _instruments;
    private readonly Position[] _positions;
    private readonly long[] _bid;
    private readonly long[] _ask;
    private readonly long[] _markTimeMs;
    private readonly double[] _unrealized;   // account currency
    private readonly double[] _averageTicks; // cached from the position at each fill
    private readonly double[] _moneyPerTickLot;
    private readonly int[] _rateInstrument;  // index of the FX instrument converting the quote currency, −1 for none
    private readonly bool[] _rateInverted;
    private readonly decimal[] _fixedRate;   // > 0 when pegged
    private readonly double[] _fixedRateDouble;
    private double _unrealizedTotal;
    private double _balanceDouble;

    public Account(InstrumentRegistry registry, AccountOptions options)
    {
        ArgumentNullException.ThrowIfNull(registry);
        ArgumentNullException.ThrowIfNull(options);
        Currency = options.Currency;
        _instruments = [.. registry.All];
        var n = _instruments.Length;
        _positions = [.. _instruments.Select(i => new Position(i.Id, i.TickSize, i.LotSize))];
        _bid = new long[n];
        _ask = new long[n];
        _markTimeMs = new long[n];
        _unrealized = new double[n];
        _averageTicks = new double[n];
        _moneyPerTickLot = [.. _instruments.Select(i => (double)(i.TickSize * i.LotSize))];
        _rateInstrument = new int[n];
        _rateInverted = new bool[n];
        _fixedRate = new decimal[n];
        for (var i = 0; i < n; i++)
        {
            var quote = _instruments[i].QuoteCurrency;
            _rateInstrument[i] = -1;
            if (string.Equals(quote, Currency, StringComparison.OrdinalIgnoreCase))
            {
                _fixedRate[i] = 1m;
            }
            else if (options.FixedRates.TryGetValue(quote, out var rate) && rate > 0)
            {
                _fixedRate[i] = rate;
            }
            else
            {
                // USDJPY converts JPY to USD by dividing; EURUSD would convert EUR by multiplying.
                var direct = Array.FindIndex(_instruments, x => string.Equals(x.Symbol, quote + Currency, StringComparison.OrdinalIgnoreCase));
                var inverse = Array.FindIndex(_instruments, x => string.Equals(x.Symbol, Currency + quote, StringComparison.OrdinalIgnoreCase));
                if (direct < 0 && inverse < 0)
                {
                    throw new ArgumentException($"{_instruments[i].Symbol}: no rate converts {quote} to {Currency}; add it to the account's fixed rates.", nameof(options));
                }

                _rateInstrument[i] = direct >= 0 ? direct : inverse;
                _rateInverted[i] = direct < 0;
            }
        }

        _fixedRateDouble = [.. _fixedRate.Select(r => (double)r)];
        InitialBalance = Balance = options.InitialBalance;
        _balanceDouble = (double)Balance;
        PeakBalance = Balance;
        Today.Start(0, Balance);
    }

    public string Currency { get; }

    public decimal InitialBalance { get; }

    /// <summary>Cash: opening balance plus realised P&amp;L minus fees, account currency.</summary>
    public decimal Balance { get; private set; }

    /// <summary>The highest balance reached (the drawdown limit's reference).</summary>
    public decimal PeakBalance { get; internal set; }

    public DailyStatistics Today { get; } = new();

    public int InstrumentCount => _instruments.Length;

    /// <summary>Balance plus the open positions marked to the latest quotes.</summary>
    public double Equity => _balanceDouble + _unrealizedTotal;

    public double UnrealizedPnl => _unrealizedTotal;

    /// <summary>Equity below the peak balance, as a fraction of the peak (negative above it); 0 before a peak.</summary>
    public double DrawdownFromPeak => PeakBalance > 0 ? ((double)PeakBalance - Equity) / (double)PeakBalance : 0;

    /// <summary>Gross exposure: every open position's size at its instrument's mid, in the account currency.</summary>
    public double GrossExposure()
    {
        var total = 0.0;
        for (var i = 0; i < _positions.Length; i++)
        {
            var lots = _positions[i].QuantityLots;
            if (lots != 0)
            {
                total += Math.Abs(lots) * MidTicks(i) * MoneyPerTickLot(i);
            }
        }

        return total;
    }

    public int OpenPositions { get; private set; }

    public Position Position(int instrumentId) => _positions[instrumentId];

    public long Bid(int instrumentId) => _bid[instrumentId];

    public long Ask(int instrumentId) => _ask[instrumentId];

    public long MarkTimeMs(int instrumentId) => _markTimeMs[instrumentId];

    public bool HasQuote(int instrumentId) => _bid[instrumentId] > 0 && _ask[instrumentId] > 0;

    /// <summary>Mid price in ticks (fractional), 0 without a quote.</summary>
    public double MidTicks(int instrumentId) => HasQuote(instrumentId) ? (_bid[instrumentId] + _ask[instrumentId]) * 0.5 : 0;

    /// <summary>Unrealised P&amp;L of one instrument in the account currency.</summary>
    public double Unrealized(int instrumentId) => _unrealized[instrumentId];

    /// <summary>Quote currency → account currency for an instrument, from a peg or the latest FX quote.</summary>
    public decimal RateFor(int instrumentId)
    {
        if (_fixedRate[instrumentId] > 0)
        {
            return _fixedRate[instrumentId];
        }

        var fx = _rateInstrument[instrumentId];
        var fxInstrument = _instruments[fx];
        var mid = HasQuote(fx) ? (decimal)(_bid[fx] + _ask[fx]) / 2 * fxInstrument.TickSize : fxInstrument.ReferencePrice;
        return _rateInverted[instrumentId] ? 1m / mid : mid;
    }

    /// <summary><see cref="RateFor"/> in <c>double</c>: for marks, sizing and risk checks, not for money of record.</summary>
    public double RateAsDouble(int instrumentId)
    {
        if (_fixedRateDouble[instrumentId] > 0)
        {
            return _fixedRateDouble[instrumentId];
        }

        var fx = _rateInstrument[instrumentId];
        var mid = HasQuote(fx) ? (_bid[fx] + _ask[fx]) * 0.5 * _instruments[fx].TickSizeAsDouble : (double)_instruments[fx].ReferencePrice;
        return _rateInverted[instrumentId] ? 1 / mid : mid;
    }

    /// <summary>Account-currency value of one tick on one lot.</summary>
    public double MoneyPerTickLot(int instrumentId) => _moneyPerTickLot[instrumentId] * RateAsDouble(instrumentId);

    /// <summary>Takes a quote; re-marks that instrument's position. Allocation-free, no decimal arithmetic.</summary>
    public void Mark(int instrumentId, long bidTicks, long askTicks, long timeMs)
    {
        _bid[instrumentId] = bidTicks;
        _ask[instrumentId] = askTicks;
        _markTimeMs[instrumentId] = timeMs;
        Remark(instrumentId);
    }

    private void Remark(int instrumentId)
    {
        var quantity = _positions[instrumentId].QuantityLots;
        var value = 0.0;
        if (quantity != 0 && HasQuote(instrumentId))
        {
            // Longs are worth the bid, shorts cost the ask.
            var exit = quantity > 0 ? _bid[instrumentId] : _ask[instrumentId];
            value = (exit - _averageTicks[instrumentId]) * quantity * _moneyPerTickLot[instrumentId] * RateAsDouble(instrumentId);
        }

        _unrealized[instrumentId] = value;

        // Summed afresh (a handful of instruments), not adjusted incrementally: no drift, and a restored account
        // reaches the same total bit for bit.
        var total = 0.0;
        foreach (var unrealized in _unrealized)
        {
            total += unrealized;
        }

        _unrealizedTotal = total;
    }

    /// <summary>Applies a fill; returns the realised P&amp;L net of the fee, account currency.</summary>
    // The order path runs rarely: compiled optimised at once instead of staying in tier-0 code for its first calls.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public decimal ApplyFill(int instrumentId, Side side, long lots, long priceTicks, decimal fee, decimal rate)
    {
        var position = _positions[instrumentId];
        var before = position.QuantityLots;
        var wasFlat = before == 0;
        var realizedQuote = position.Apply(side, lots, priceTicks);
        var net = (realizedQuote * rate) - fee;
        Balance += net;
        _balanceDouble = (double)Balance;
        _averageTicks[instrumentId] = (double)position.AveragePriceTicks;
        if (wasFlat != position.IsFlat)
        {
            OpenPositions += wasFlat ? 1 : -1;
        }

        var today = Today;
        today.Fills++;
        today.Fees += fee;
        today.RealizedPnl += net;
        var reduced = before != 0 && (before > 0) == (side == Side.Sell);
        if (reduced)
        {
            today.Trades++;
            if (net > 0)
            {
                today.Wins++;
            }
            else
            {
                today.Losses++;
            }
        }

        PeakBalance = Math.Max(PeakBalance, Balance);
        today.HighBalance = Math.Max(today.HighBalance, Balance);
        today.MaxDrawdown = Math.Max(today.MaxDrawdown, today.HighBalance - Balance);
        Remark(instrumentId);
        return net;
    }

    /// <summary>Starts a new UTC day of statistics at the current balance.</summary>
    internal void RollDay(long dayStartMs, decimal startBalance) => Today.Start(dayStartMs, startBalance);

    /// <summary>Restores balance and a position exactly (snapshots).</summary>
    internal void Restore(decimal balance, decimal peakBalance)
    {
        Balance = balance;
        _balanceDouble = (double)balance;
        PeakBalance = peakBalance;
    }

    internal void RestorePosition(int instrumentId, long quantityLots, decimal costBasis, decimal realized, decimal fees, long fills)
    {
        var position = _positions[instrumentId];
        var wasFlat = position.IsFlat;
        position.Restore(quantityLots, costBasis, realized, fees, fills);
        _averageTicks[instrumentId] = (double)position.AveragePriceTicks;
        if (wasFlat != position.IsFlat)
        {
            OpenPositions += wasFlat ? 1 : -1;
        }

        Remark(instrumentId);
    }
}
