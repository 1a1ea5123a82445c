using System.Diagnostics;
using LowLatency.Analytics.Statistics;
using LowLatency.Engine.Commands;
using LowLatency.Engine.MarketData;
using LowLatency.Engine.Pipeline;
using LowLatency.Engine.Strategies;

namespace LowLatency.Engine.Backtest;

/// <summary>
/// Runs the live pipeline's stages over history on one thread (<see cref="TradingPipeline.Process"/>), with
/// the paper exchange as venue: same input, same strategies, same seed → the same fills, bit for bit.
/// </summary>
public static class BacktestRunner
{
    public static BacktestResult Run(InstrumentRegistry registry, IReadOnlyList<Strategy> strategies, ITickSource source, BacktestOptions options, DateTimeOffset from, DateTimeOffset to, bool synthetic)
    {
        ArgumentNullException.ThrowIfNull(registry);
        ArgumentNullException.ThrowIfNull(strategies);
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(options);
        var pipeline = new TradingPipeline(registry, strategies, options.Account, options.Risk, options.Exchange, measureLatency: false);
        var core = pipeline.Core;
        var recorder = new BacktestRecorder(core, strategies);
        core.AttachListener(recorder);

        var entry = new EngineEvent();
        entry.SetCommand(new Command { Type = CommandType.Start }, from.ToUnixTimeMilliseconds(), 0);
        pipeline.Process(ref entry, 0, true);

        var started = Stopwatch.GetTimestamp();
        var tick = default(Tick);
        long sequence = 1;
        var peak = core.Account.Equity;
        var maxDrawdown = 0.0;
        var firstMs = long.MinValue;
        while (source.TryNext(ref tick))
        {
            if (firstMs == long.MinValue)
            {
                firstMs = tick.TimestampMs;
            }

            entry.SetTick(tick, 0);
            pipeline.Process(ref entry, sequence, endOfBatch: false);
            var equity = core.Account.Equity;
            if (equity > peak)
            {
                peak = equity;
            }
            else if ((peak - equity) / peak > maxDrawdown)
            {
                maxDrawdown = (peak - equity) / peak;
            }

            if ((++sequence & 0xFFFF) == 0)
            {
                options.Progress?.Invoke(source.Progress);
            }
        }

        options.Progress?.Invoke(1);
        var elapsed = Stopwatch.GetElapsedTime(started).TotalSeconds;
        var ticks = sequence - 1;
        recorder.DailyEquity.Add(core.Account.Equity);
        if (ticks > 0)
        {
            recorder.EquityCurve.Add(new EquityPoint(DateOnly.FromDateTime(DateTimeOffset.FromUnixTimeMilliseconds(tick.TimestampMs).UtcDateTime), core.Account.Equity));
        }

        var symbol = strategies.Count > 0 ? strategies[0].Instrument : registry[0];
        var everyDay = symbol.TradingHours.Contains("24x7", StringComparison.OrdinalIgnoreCase);
        return new BacktestResult
        {
            EquityCurve = recorder.EquityCurve,
            Strategy = string.Join(",", strategies.Select(s => s.Name).Distinct()),
            Symbol = symbol.Symbol,
            From = from,
            To = to,
            Data = source.Description,
            SyntheticData = synthetic,
            DataSource = source.Source,
            DataFrom = ticks > 0 ? DateTimeOffset.FromUnixTimeMilliseconds(firstMs) : null,
            DataTo = ticks > 0 ? DateTimeOffset.FromUnixTimeMilliseconds(tick.TimestampMs) : null,
            InputBars = source is StoredBarTickSource stored ? stored.Bars : null,
            Ticks = ticks,
            Bars = pipeline.Indicators.BarsClosed,
            Metrics = Metrics(core, recorder, maxDrawdown, everyDay ? 365 : 252),
            Trades = recorder.Trades,
            RoundTrips = recorder.RoundTrips,
            OpenEntryFees = recorder.Ledger.OpenEntryFees,
            OpenPositions = OpenPositions(registry, core.Account),
            Halt = recorder.Halt,
            ElapsedSeconds = elapsed,
            TicksPerSecond = elapsed > 0 ? ticks / elapsed : 0,
        };
    }

    private static List<BacktestOpenPosition> OpenPositions(InstrumentRegistry registry, Portfolio.Account account)
    {
        var open = new List<BacktestOpenPosition>();
        for (var id = 0; id < account.InstrumentCount; id++)
        {
            var position = account.Position(id);
            if (!position.IsFlat)
            {
                var instrument = registry[id];
                open.Add(new BacktestOpenPosition(
                    instrument.Symbol,
                    instrument.LotsToQuantity(position.QuantityLots),
                    position.AveragePriceTicks * instrument.TickSize,
                    (decimal)account.MidTicks(id) * instrument.TickSize,
                    account.Unrealized(id)));
            }
        }

        return open;
    }

    private static BacktestMetrics Metrics(State.TradingCore core, BacktestRecorder recorder, double maxDrawdown, int periodsPerYear)
    {
        var initial = core.Account.InitialBalance;
        var final = core.Account.Equity;
        var returns = new List<double>();
        var previous = (double)initial;
        foreach (var equity in recorder.DailyEquity)
        {
            if (previous > 0)
            {
                returns.Add((equity - previous) / previous);
            }

            previous = equity;
        }

        var trades = recorder.Wins + recorder.Losses;
        return new BacktestMetrics
        {
            InitialEquity = initial,
            FinalEquity = Math.Round(final, 6),
            TotalReturnPercent = Math.Round((final - (double)initial) / (double)initial * 100, 6),
            SharpeRatio = Math.Round(TradeStatistics.Sharpe(returns, periodsPerYear), 6),
            SortinoRatio = Math.Round(TradeStatistics.Sortino(returns, periodsPerYear), 6),
            MaxDrawdownPercent = Math.Round(maxDrawdown * 100, 6),
            Trades = trades,
            Wins = recorder.Wins,
            Losses = recorder.Losses,
            WinRatePercent = Math.Round(100 * TradeStatistics.WinRate(recorder.Wins, trades), 4),
            ProfitFactor = TradeStatistics.ProfitFactor(recorder.GrossProfit, recorder.GrossLoss) is { } factor ? Math.Round(factor, 6) : null,
            GrossProfit = recorder.GrossProfit,
            GrossLoss = recorder.GrossLoss,
            Fees = recorder.Trades.Sum(t => t.Fee),
            Orders = recorder.Orders,
            Fills = recorder.Trades.Count,
            RejectedOrders = core.OrdersRejected,
            TradingDays = recorder.DailyEquity.Count,
        };
    }
}
