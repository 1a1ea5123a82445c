using LowLatency.Analytics.Statistics;
using LowLatency.Engine.Backtest;

namespace LowLatency.Bridge.Analytics;

/// <summary>
/// A backtest result in the frontend's <c>BacktestResponse</c> shape (contract 2.1, Part A item 9): the six
/// metrics as fractions (always present, zeros with no trades; an unbounded profit factor is 999.99), round-trip
/// trades with entry and exit, and the daily equity curve.
/// </summary>
public static class BacktestReport
{
    public static object From(BacktestResult result, string symbol)
    {
        ArgumentNullException.ThrowIfNull(result);
        var m = result.Metrics;
        var trips = result.RoundTrips;
        var tradesPnl = trips.Sum(t => t.Pnl);
        var openPnl = (decimal)result.OpenPositions.Sum(p => p.UnrealizedPnl) - result.OpenEntryFees;
        return new
        {
            performanceMetrics = new
            {
                totalReturn = Math.Round(m.TotalReturnPercent / 100, 6),
                sharpeRatio = Math.Round(m.SharpeRatio, 4),
                maxDrawdown = Math.Round(m.MaxDrawdownPercent / 100, 6),
                winRate = Math.Round(m.WinRatePercent / 100, 6),
                profitFactor = Math.Round(TradeStatistics.CappedProfitFactor(m.GrossProfit, m.GrossLoss), 4),
                totalTrades = trips.Count,
            },
            equityCurve = result.EquityCurve.Select(p => new { date = p.Date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), equity = Math.Round(p.Equity, 2) }).ToList(),
            trades = trips.Select(t => RoundTripView.From(t, symbol)).ToList(),
            reconciliation = new
            {
                initialCapital = m.InitialEquity,
                finalEquity = Math.Round(m.FinalEquity, 2),
                tradesPnl = decimal.Round(tradesPnl, 2),
                openPositionPnl = decimal.Round(openPnl, 2),
                fees = m.Fees,
                difference = Math.Round(m.FinalEquity - (double)m.InitialEquity - (double)(tradesPnl + openPnl), 2),
                rule = "finalEquity - initialCapital = tradesPnl (each trade net of its fees) + openPositionPnl (open positions marked at the last mid, less their entry fees)",
            },
            openPositions = result.OpenPositions.Select(p => new { symbol = p.Symbol, quantity = p.Quantity, averagePrice = decimal.Round(p.AveragePrice, 8), markPrice = decimal.Round(p.MarkPrice, 8), unrealizedPnl = Math.Round(p.UnrealizedPnl, 2) }).ToList(),
            haltedBy = result.Halt is { } halt ? new { reason = halt.Reason, time = LowLatency.Bridge.Api.Timestamps.Iso(halt.Time) } : null,
            strategy = result.Strategy,
            dataSource = result.Data,
            syntheticData = result.SyntheticData,
            // What it ran on: the prices' source, the first and last input time, and the stored bars read (null for ticks).
            data = new
            {
                source = result.DataSource,
                dataFrom = result.DataFrom is { } f ? LowLatency.Bridge.Api.Timestamps.Iso(f) : null,
                dataTo = result.DataTo is { } t ? LowLatency.Bridge.Api.Timestamps.Iso(t) : null,
                bars = result.InputBars,
            },
            ticks = result.Ticks,
            sortinoRatio = Math.Round(m.SortinoRatio, 4),
            fees = m.Fees,
        };
    }
}
