using LowLatency.Analytics.Statistics;
using LowLatency.Engine.Risk;
using LowLatency.Engine.State;

namespace LowLatency.Bridge.Api;

/// <summary>Contract 2.25–2.28: risk metrics, position-size calculator, portfolio summary and performance.</summary>
public static class PortfolioEndpoints
{
    /// <param name="accountFromCluster">Whether the cluster's bridge serves the account's routes across every shard (<c>ClusterPortfolioEndpoints</c>); only the calculator, which needs no engine, stays here.</param>
    public static void MapPortfolio(this IEndpointRouteBuilder app, bool accountFromCluster = false)
    {
        if (!accountFromCluster)
        {
            app.MapGet("/api/risk/metrics", (EngineAccess engine, RiskLimits riskLimits) => engine.Read(core => Results.Json(RiskMetrics(core, riskLimits))));
            app.MapGet("/api/portfolio/summary", (EngineAccess engine) => engine.Read(core => Results.Json(Summary(core))));
            app.MapGet("/api/portfolio/performance", (EngineAccess engine) => engine.Read(core =>
                Results.Json(Performance(core, [.. engine.Model.ClosedTrades().Select(t => (t.RealizedPnl, t.EntryPrice * t.Quantity))]))));
        }

        app.MapPost("/api/risk/calculate-position-size", CalculatePositionSize);
    }

    /// <summary>Contract 2.28 of an account's state and its <paramref name="closed"/> trades (P&amp;L, entry notional), oldest first.</summary>
    internal static object Performance(TradingState core, IReadOnlyList<(decimal Pnl, decimal EntryNotional)> closed)
    {
        ArgumentNullException.ThrowIfNull(core);
        var today = core.Account.Today;
        var initial = core.Account.InitialBalance;
        var stats = TradeStatistics.Of(closed);
        return new
        {
            initialBalance = initial,
            balance = decimal.Round(core.Account.Balance, 2),
            equity = Math.Round(core.Account.Equity, 2),
            totalReturn = initial > 0 ? Math.Round(((decimal)core.Account.Equity - initial) / initial, 6) : 0,
            realizedPnL = decimal.Round(core.Account.Balance - initial, 2),
            unrealizedPnL = Math.Round(core.Account.UnrealizedPnl, 2),
            fills = core.FillCount,
            closedTrades = closed.Count,
            winRate = Math.Round(stats.WinRate, 6),
            profitFactor = Math.Round(stats.ProfitFactor, 4),
            peakBalance = decimal.Round(core.Account.PeakBalance, 2),
            drawdownFromPeak = Math.Round(core.Account.DrawdownFromPeak, 6),
            today = Views.DailyStats(today),
            todayFees = decimal.Round(today.Fees, 2),
            timestamp = Timestamps.Now(),
        };
    }

    /// <summary>Contract 2.25 of an account's state (the linked engine's, or a cluster's every shard together).</summary>
    internal static object RiskMetrics(TradingState core, RiskLimits riskLimits)
    {
        var exposure = core.Account.GrossExposure();
        var balance = core.Account.Balance;
        return new
        {
            accountBalance = decimal.Round(balance, 2),
            totalExposure = Math.Round(exposure, 2),
            totalUnrealizedPnL = Math.Round(core.Account.UnrealizedPnl, 2),
            utilizationPercent = balance > 0 ? Math.Round(exposure / (double)balance * 100, 4) : 0,
            dailyStats = Views.DailyStats(core.Account.Today),
            maxDrawdown = decimal.Round(core.Account.Today.MaxDrawdown, 2),
            tradingState = Views.StateName(core.Status),
            killSwitch = core.KillSwitch,
            limits = riskLimits,
            timestamp = Timestamps.Now(),
        };
    }

    /// <summary>Contract 2.27 of an account's state.</summary>
    internal static object Summary(TradingState core)
    {
        var initial = core.Account.InitialBalance;
        var totalPnl = (decimal)core.Account.Equity - initial;
        return new
        {
            accountBalance = decimal.Round(core.Account.Balance, 2),
            totalValue = Math.Round(core.Account.Equity, 2),
            totalPnL = decimal.Round(totalPnl, 2),
            totalPnLPercent = initial > 0 ? decimal.Round(totalPnl / initial * 100, 4) : 0,
            openPositions = core.Account.OpenPositions,
            dailyStats = Views.DailyStats(core.Account.Today),
            timestamp = Timestamps.Now(),
        };
    }

    /// <summary>Works without the engine: the strategies' fixed-fractional sizer (<see cref="PositionSizer.FixedFractional"/>).</summary>
    private static async Task<IResult> CalculatePositionSize(HttpRequest request)
    {
        var (body, problem) = await RequestBody.ReadAsync(request).ConfigureAwait(false);
        if (problem is not null)
        {
            return problem;
        }

        var balance = body!.Number("accountBalance", out var e1) ?? 100_000m;
        var riskPercent = body.Number("riskPercent", out var e2) ?? 1m;
        var entry = body.Number("entryPrice", out var e3);
        var stop = body.Number("stopLoss", out var e4);
        var error = e1 ?? e2 ?? e3 ?? e4
            ?? (entry is null ? "missing required field: entryPrice" : null)
            ?? (stop is null ? "missing required field: stopLoss" : null)
            ?? (balance <= 0 ? "accountBalance must be positive" : null)
            ?? (riskPercent is <= 0 or > 100 ? "riskPercent must be in (0, 100]" : null)
            ?? (entry <= 0 || stop <= 0 ? "entryPrice and stopLoss must be positive" : null)
            ?? (entry == stop ? "entryPrice and stopLoss must differ" : null);
        if (error is not null)
        {
            return Problems.BadRequest(error);
        }

        var riskAmount = balance * riskPercent / 100;
        var stopDistance = Math.Abs(entry!.Value - stop!.Value);
        var size = (decimal)PositionSizer.FixedFractional((double)balance, (double)riskPercent, (double)stopDistance);
        return Results.Json(new
        {
            riskAmount = decimal.Round(riskAmount, 8),
            stopDistance,
            positionSize = decimal.Round(size, 8),
            positionValue = decimal.Round(size * entry.Value, 8),
            riskPercent,
            timestamp = Timestamps.Now(),
        });
    }
}
