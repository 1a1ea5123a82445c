using LowLatency.Analytics.Options;
using LowLatency.Analytics.Statistics;
using LowLatency.Analytics.Trading;
using LowLatency.Bridge.Analytics;
using LowLatency.Engine.MarketData;
using LowLatency.Engine.Risk;

namespace LowLatency.Bridge.Api;

/// <summary>
/// Contract section 4.1: <c>POST /api/rr/calculate</c> (risk/reward of a trade plan), <c>POST /api/options/greeks</c>
/// (Black–Scholes price and greeks; with <c>marketPrice</c> instead of <c>volatility</c>, the implied volatility),
/// <c>POST /api/options/analyze</c> (at-the-money call and put on the latest
/// price with volatility realised over the last 30 daily candles). Parsing and shaping only: the maths is the
/// analytics library's (<see cref="BlackScholes"/>, <see cref="ImpliedVolatility"/>, <see cref="RealisedVolatility"/>).
/// </summary>
public static class CalculatorEndpoints
{
    public static void MapCalculators(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/rr/calculate", RiskReward);
        app.MapPost("/api/options/greeks", Greeks);
        app.MapPost("/api/options/analyze", AnalyzeOptions);
    }

    private static async Task<IResult> RiskReward(HttpRequest request)
    {
        var (body, problem) = await RequestBody.ReadAsync(request).ConfigureAwait(false);
        if (problem is not null)
        {
            return problem;
        }

        var entry = body!.Number("entryPrice", out var e1);
        var stop = body.Number("stopLoss", out var e2);
        var target = body.Number("takeProfit", out var e3);
        var balance = body.Number("accountBalance", out var e4) ?? 100_000m;
        var riskPercent = body.Number("riskPercent", out var e5) ?? 1m;
        var error = e1 ?? e2 ?? e3 ?? e4 ?? e5
            ?? (entry is null || stop is null || target is null ? "entryPrice, stopLoss and takeProfit are required" : null)
            ?? (balance <= 0 ? "accountBalance must be positive" : null)
            ?? (riskPercent is <= 0 or > 100 ? "riskPercent must be in (0, 100]" : null);
        var plan = error is null ? new TradePlan(entry!.Value, stop!.Value, target!.Value) : null;
        error ??= plan!.Problem;
        if (error is not null)
        {
            return Problems.BadRequest(error);
        }

        var ratio = plan!.Ratio;
        var riskAmount = balance * riskPercent / 100;
        var size = (decimal)PositionSizer.FixedFractional((double)balance, (double)riskPercent, (double)plan.RiskPerUnit);
        var breakeven = plan.BreakevenWinRatePercent;
        var notes = new List<string>
        {
            $"{(plan.IsLong ? "Long" : "Short")}: risking {plan.RiskPerUnit} to make {plan.RewardPerUnit} per unit.",
            $"Wins needed to break even: {breakeven:0.##} %.",
        };
        if (ratio < 1)
        {
            notes.Add("The reward is smaller than the risk.");
        }

        return Results.Json(new
        {
            success = true,
            analysis = new
            {
                entryPrice = entry,
                stopLoss = stop,
                takeProfit = target,
                riskAmount = decimal.Round(riskAmount, 2),
                rewardAmount = decimal.Round(size * plan.RewardPerUnit, 2),
                positionSize = decimal.Round(size, 8),
                riskRewardRatio = decimal.Round(ratio, 4),
                riskPercent = decimal.Round(plan.RiskPerUnit / plan.Entry * 100, 4),
                rewardPercent = decimal.Round(plan.RewardPerUnit / plan.Entry * 100, 4),
                breakevenWinrate = decimal.Round(breakeven, 4),
                expectedValue = decimal.Round(plan.ExpectedValue(0.5m), 4), // in R, at a 50 % win rate
                rating = plan.Rating,
                notes,
            },
            timestamp = Timestamps.Now(),
        });
    }

    private static async Task<IResult> Greeks(HttpRequest request)
    {
        var (body, problem) = await RequestBody.ReadAsync(request).ConfigureAwait(false);
        if (problem is not null)
        {
            return problem;
        }

        var spot = body!.Number("spotPrice", out var e1);
        var strike = body.Number("strikePrice", out var e2);
        var days = body.Number("timeToExpiry", out var e3);
        var volatility = body.Number("volatility", out var e4);
        var rate = body.Number("riskFreeRate", out var e5) ?? 0.05m;
        var type = body.String("optionType", out var e6) ?? "call";
        var marketPrice = body.Number("marketPrice", out var e7); // instead of volatility: the volatility it implies
        var error = e1 ?? e2 ?? e3 ?? e4 ?? e5 ?? e6 ?? e7
            ?? (spot is null || strike is null || days is null || (volatility is null && marketPrice is null) ? "spotPrice, strikePrice, timeToExpiry (days) and volatility (or marketPrice) are required" : null)
            ?? (spot <= 0 || strike <= 0 || days <= 0 || volatility <= 0 || marketPrice <= 0 ? "spotPrice, strikePrice, timeToExpiry, volatility and marketPrice must be positive" : null)
            ?? (volatility > 10 ? "volatility is a fraction (0.285 = 28.5 %)" : null)
            ?? (rate is < -1 or > 1 ? "riskFreeRate is a fraction" : null)
            ?? (type is not ("call" or "put") ? "optionType must be call or put" : null);
        if (error is not null)
        {
            return Problems.BadRequest(error);
        }

        var (call, years) = (type == "call", (double)days!.Value / 365);
        var sigma = volatility is { } given ? (double)given : ImpliedVolatility.Solve(call, (double)marketPrice!.Value, (double)spot!.Value, (double)strike!.Value, years, (double)rate);
        if (double.IsNaN(sigma))
        {
            return Problems.BadRequest($"no volatility gives a {type} price of {marketPrice}: it is outside the option's no-arbitrage bounds");
        }

        var value = BlackScholes.Value(call, (double)spot!.Value, (double)strike!.Value, years, sigma, (double)rate);
        return Results.Json(new
        {
            optionType = type,
            price = Math.Round(value.Price, 6),
            impliedVolatility = volatility is null ? Math.Round(sigma, 8) : (double?)null,
            greeks = new { delta = Math.Round(value.Delta, 6), gamma = Math.Round(value.Gamma, 8), theta = Math.Round(value.Theta, 6), vega = Math.Round(value.Vega, 6), rho = Math.Round(value.Rho, 6) },
            timestamp = Timestamps.Now(),
        });
    }

    private static async Task<IResult> AnalyzeOptions(HttpRequest request, EngineAccess engine, CandleService candles)
    {
        var (body, problem) = await RequestBody.ReadAsync(request).ConfigureAwait(false);
        if (problem is not null)
        {
            return problem;
        }

        var symbol = body!.String("symbol", out var error) ?? "BTC-USD";
        var days = error is null ? body.Number("expiryDays", out error) ?? 30 : 0;
        if (error is not null || days is <= 0 or > 3650)
        {
            return Problems.BadRequest(error ?? "expiryDays must be between 1 and 3650");
        }

        if (!engine.TryResolve(symbol, out var instrument))
        {
            return EngineAccess.UnknownSymbol(symbol);
        }

        var now = DateTimeOffset.UtcNow;
        var (bars, invalid) = await candles.GetAsync(instrument, Timeframe.D1, now.AddDays(-31), now).ConfigureAwait(false);
        if (invalid is not null || bars.Count < 3)
        {
            return Problems.BadRequest(invalid ?? "not enough history for a volatility");
        }

        var volatility = RealisedVolatility.Annualised([.. bars.Select(b => b.Bar.Close)], periodsPerYear: 365);
        var spot = engine.Model.Price(instrument.Id) is { } latest ? (double)latest.Price : bars[^1].Bar.Close;
        const double rate = 0.05;
        var years = (double)days / 365;
        var call = BlackScholes.Value(true, spot, spot, years, volatility, rate);
        var put = BlackScholes.Value(false, spot, spot, years, volatility, rate);
        object Leg(OptionValue v) => new { price = Math.Round(v.Price, 6), delta = Math.Round(v.Delta, 6), gamma = Math.Round(v.Gamma, 8), theta = Math.Round(v.Theta, 6), vega = Math.Round(v.Vega, 6) };
        return Results.Json(new
        {
            symbol,
            spotPrice = spot,
            strikePrice = spot,
            expiryDays = days,
            riskFreeRate = rate,
            call = Leg(call),
            put = Leg(put),
            volatility = new { current = Math.Round(volatility, 6), periodDays = bars.Count - 1, source = bars[^1].Source },
            timestamp = Timestamps.Now(),
        });
    }
}
