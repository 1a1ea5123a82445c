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
        var profitFactor = m.ProfitFactor ?? (m.GrossProfit > 0 ? 999.99 : 0);
        return new
        {
            performanceMetrics = new
            {
                totalReturn = Math.Round(m.TotalReturnPercent / 100, 6),
                sharpeRatio = Math.Round(m.SharpeRatio, 4),
                maxDrawdown = Math.Round(m.MaxDrawdownPercent / 100, 6),
                winRate = Math.Round(m.WinRatePercent / 100, 6),
                profitFactor = Math.Round(Math.Min(profitFactor, 999.99), 4),
                totalTrades = RoundTrips(result.Trades, symbol).Count,
            },
            equityCurve = result.EquityCurve.Select(p => new { date = p.Date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), equity = Math.Round(p.Equity, 2) }).ToList(),
            trades = RoundTrips(result.Trades, symbol),
            strategy = result.Strategy,
            dataSource = result.Data,
            syntheticData = result.SyntheticData,
            ticks = result.Ticks,
            sortinoRatio = Math.Round(m.SortinoRatio, 4),
            fees = m.Fees,
        };
    }

    /// <summary>Pairs opening and closing fills into round trips (average entry price; one trade per closing fill).</summary>
    public static List<RoundTrip> RoundTrips(IReadOnlyList<BacktestTrade> fills, string symbol)
    {
        ArgumentNullException.ThrowIfNull(fills);
        var trips = new List<RoundTrip>();
        decimal position = 0;
        decimal average = 0;
        DateTimeOffset opened = default;
        foreach (var fill in fills)
        {
            var signed = fill.Side == "buy" ? fill.Quantity : -fill.Quantity;
            if (!fill.Closing || position == 0)
            {
                if (position == 0)
                {
                    opened = fill.Time;
                }

                average = position + signed == 0 ? 0 : ((average * position) + (fill.Price * signed)) / (position + signed);
                position += signed;
                continue;
            }

            var direction = position > 0 ? 1 : -1;
            var quantity = Math.Min(Math.Abs(signed), Math.Abs(position));
            trips.Add(new RoundTrip(
                symbol,
                direction > 0 ? "BUY" : "SELL",
                opened.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
                fill.Time.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
                decimal.Round(average, 8),
                fill.Price,
                quantity,
                decimal.Round(fill.RealizedPnl, 2),
                average == 0 ? 0 : decimal.Round(((fill.Price / average) - 1) * 100 * direction, 4)));
            position += signed;
            if (position == 0)
            {
                average = 0;
            }
        }

        return trips;
    }
}
