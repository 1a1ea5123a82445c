using LowLatency.Engine.Commands;
using LowLatency.Engine.Portfolio;
using LowLatency.Engine.Risk;
using LowLatency.Engine.State;
using LowLatency.Engine.Strategies;

namespace LowLatency.Engine.Backtest;

/// <summary>Listens to the trading core during a backtest: keeps every fill, the round trips they make, and the equity at each day's end.</summary>
internal sealed class BacktestRecorder(TradingCore core, IReadOnlyList<Strategy> strategies) : ITradingListener
{
    public List<BacktestTrade> Trades { get; } = [];

    /// <summary>The fills paired into closed trades: the wins, losses and gross figures count these.</summary>
    public RoundTripLedger Ledger { get; } = new(core.Registry.Count);

    public List<RoundTrip> RoundTrips { get; } = [];

    public List<double> DailyEquity { get; } = [];

    /// <summary>Equity at the end of each UTC day (the first point: the day before the first tick, at the initial capital).</summary>
    public List<EquityPoint> EquityCurve { get; } = [];

    public long Orders { get; private set; }

    public decimal GrossProfit { get; private set; }

    public decimal GrossLoss { get; private set; }

    public long Wins { get; private set; }

    public long Losses { get; private set; }

    /// <summary>The first halt, if trading was halted.</summary>
    public BacktestHalt? Halt { get; private set; }

    public void OnRecord(in TradingRecord record)
    {
        switch (record.Type)
        {
            case RecordType.OrderAccepted:
                Orders++;
                break;
            case RecordType.DayRolled:
                DailyEquity.Add(core.Account.Equity);
                EquityCurve.Add(new EquityPoint(DateOnly.FromDateTime(DateTimeOffset.FromUnixTimeMilliseconds(record.TimeMs).UtcDateTime).AddDays(-1), core.Account.Equity));
                break;
            case RecordType.Fill:
                AddFill(record);
                break;
            case RecordType.StatusChanged when (TradingStatus)record.Status == TradingStatus.Halted && Halt is null:
                Halt = new BacktestHalt(((StatusReason)record.Reason).ToString(), DateTimeOffset.FromUnixTimeMilliseconds(record.TimeMs));
                break;
            default:
                break;
        }
    }

    public void OnCommandResult(in CommandResult result)
    {
    }

    public void OnSnapshot(StateSnapshot snapshot)
    {
    }

    private void AddFill(in TradingRecord r)
    {
        var instrument = core.Registry[r.InstrumentId];

        // Only fills move the balance: its change is this fill's realised P&L net of its fee, exactly.
        var realized = core.Account.Balance - _balance;
        _balance = core.Account.Balance;
        var quantity = instrument.LotsToQuantity(r.QuantityLots);
        var price = instrument.TicksToPrice(r.PriceTicks);
        var closed = Ledger.OnFill(r.InstrumentId, r.Side == Side.Buy, quantity, price, r.Amount, realized, r.TimeMs, r.Sequence);
        if (closed is { } trip)
        {
            RoundTrips.Add(trip);
            if (trip.Pnl > 0)
            {
                Wins++;
                GrossProfit += trip.Pnl;
            }
            else
            {
                Losses++;
                GrossLoss -= trip.Pnl;
            }
        }

        Trades.Add(new BacktestTrade(
            r.Sequence, DateTimeOffset.FromUnixTimeMilliseconds(r.TimeMs), r.OrderId, instrument.Symbol, r.Side == Side.Buy ? "buy" : "sell",
            quantity, price, r.Amount, realized, closed is not null, // a fill that reduced a position closes a round trip
            r.StrategyIndex >= 0 && r.StrategyIndex < strategies.Count ? strategies[r.StrategyIndex].Name : "manual"));
    }

    private decimal _balance = core.Account.Balance;
}
