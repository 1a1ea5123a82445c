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
        var (trips, openEntryFees) = Pair(result.Trades, symbol);
        var tradesPnl = trips.Sum(t => t.Pnl);
        var openPnl = (decimal)result.OpenPositions.Sum(p => p.UnrealizedPnl) - openEntryFees;
        return new
        {
            performanceMetrics = new
            {
                totalReturn = Math.Round(m.TotalReturnPercent / 100, 6),
                sharpeRatio = Math.Round(m.SharpeRatio, 4),
                maxDrawdown = Math.Round(m.MaxDrawdownPercent / 100, 6),
                winRate = Math.Round(m.WinRatePercent / 100, 6),
                profitFactor = Math.Round(Math.Min(profitFactor, 999.99), 4),
                totalTrades = trips.Count,
            },
            equityCurve = result.EquityCurve.Select(p => new { date = p.Date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), equity = Math.Round(p.Equity, 2) }).ToList(),
            trades = trips.Select(t => t with { Pnl = decimal.Round(t.Pnl, 2), Fees = decimal.Round(t.Fees, 2) }).ToList(),
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

    /// <summary>
    /// Pairs opening and closing fills into round trips (average entry price; one trade per closing fill). Each
    /// trip's P&amp;L is net of its fees: the closing fill's realised P&amp;L (already net of the part of its fee that
    /// closes) and, pro rata to the quantity closed, the entry fills' fees. A fill that crosses zero closes the old
    /// position and opens the new one at its price, its fee split by quantity. What stays open is returned with the
    /// entry fees it still carries, so Σ trip P&amp;L + open P&amp;L − open entry fees = final equity − initial capital.
    /// </summary>
    public static (List<RoundTrip> Trips, decimal OpenEntryFees) Pair(IReadOnlyList<BacktestTrade> fills, string symbol)
    {
        ArgumentNullException.ThrowIfNull(fills);
        var trips = new List<RoundTrip>();
        decimal position = 0, average = 0, carriedFees = 0;
        DateTimeOffset opened = default;
        foreach (var fill in fills)
        {
            var signed = fill.Side == "buy" ? fill.Quantity : -fill.Quantity;
            if (position == 0 || Math.Sign(signed) == Math.Sign(position))
            {
                if (position == 0)
                {
                    opened = fill.Time;
                }

                average = ((average * position) + (fill.Price * signed)) / (position + signed);
                position += signed;
                carriedFees += fill.Fee;
                continue;
            }

            var quantity = Math.Min(Math.Abs(signed), Math.Abs(position));
            var closingShare = quantity / Math.Abs(signed);
            var openingFee = fill.Fee * (1 - closingShare);
            var entryFees = carriedFees * (quantity / Math.Abs(position));
            var exitFee = fill.Fee - openingFee;
            var direction = position > 0 ? 1 : -1;
            trips.Add(new RoundTrip(
                symbol,
                direction > 0 ? "BUY" : "SELL",
                opened.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
                fill.Time.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
                decimal.Round(average, 8),
                fill.Price,
                quantity,
                fill.RealizedPnl + openingFee - entryFees,
                average == 0 ? 0 : decimal.Round(((fill.Price / average) - 1) * 100 * direction, 4),
                entryFees + exitFee));
            carriedFees -= entryFees;
            position += signed;
            if (position == 0)
            {
                (average, carriedFees) = (0, 0);
            }
            else if (Math.Sign(position) == Math.Sign(signed))
            {
                // Crossed zero: the rest of this fill opens the new position.
                (average, opened, carriedFees) = (fill.Price, fill.Time, openingFee);
            }
        }

        return (trips, carriedFees);
    }
}
