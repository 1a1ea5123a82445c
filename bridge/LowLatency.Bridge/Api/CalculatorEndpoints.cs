using LowLatency.Bridge.Analytics;
using LowLatency.Engine.MarketData;

namespace LowLatency.Bridge.Api;

/// <summary>
/// Contract section 4.1: <c>POST /api/rr/calculate</c> (risk/reward of a trade plan), <c>POST /api/options/greeks</c>
/// (Black–Scholes price and greeks), <c>POST /api/options/analyze</c> (at-the-money call and put on the latest
/// price with volatility realised over the last 30 daily candles). Pure arithmetic on the inputs and history.
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
            ?? (entry <= 0 || stop <= 0 || target <= 0 || balance <= 0 ? "prices and accountBalance must be positive" : null)
            ?? (riskPercent is <= 0 or > 100 ? "riskPercent must be in (0, 100]" : null);
        var isLong = target > entry;
        error ??= isLong ? (stop < entry ? null : "a long (take-profit above entry) needs its stop-loss below the entry")
            : target < entry && stop > entry ? null : "a short (take-profit below entry) needs its stop-loss above the entry; take-profit and entry must differ";
        if (error is not null)
        {
            return Problems.BadRequest(error);
        }

        var riskPerUnit = Math.Abs(entry!.Value - stop!.Value);
        var rewardPerUnit = Math.Abs(target!.Value - entry.Value);
        var ratio = rewardPerUnit / riskPerUnit;
        var riskAmount = balance * riskPercent / 100;
        var size = riskAmount / riskPerUnit;
        var rating = ratio >= 3 ? "excellent" : ratio >= 2 ? "good" : ratio >= 1.5m ? "acceptable" : "poor";
        var breakeven = 100 / (1 + ratio);
        var notes = new List<string>
        {
            $"{(isLong ? "Long" : "Short")}: risking {riskPerUnit} to make {rewardPerUnit} per unit.",
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
                rewardAmount = decimal.Round(size * rewardPerUnit, 2),
                positionSize = decimal.Round(size, 8),
                riskRewardRatio = decimal.Round(ratio, 4),
                riskPercent = decimal.Round(riskPerUnit / entry.Value * 100, 4),
                rewardPercent = decimal.Round(rewardPerUnit / entry.Value * 100, 4),
                breakevenWinrate = decimal.Round(breakeven, 4),
                expectedValue = decimal.Round((0.5m * ratio) - 0.5m, 4), // in R, at a 50 % win rate
                rating,
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
        var error = e1 ?? e2 ?? e3 ?? e4 ?? e5 ?? e6
            ?? (spot is null || strike is null || days is null || volatility is null ? "spotPrice, strikePrice, timeToExpiry (days) and volatility are required" : null)
            ?? (spot <= 0 || strike <= 0 || days <= 0 || volatility <= 0 ? "spotPrice, strikePrice, timeToExpiry and volatility must be positive" : null)
            ?? (volatility > 10 ? "volatility is a fraction (0.285 = 28.5 %)" : null)
            ?? (rate is < -1 or > 1 ? "riskFreeRate is a fraction" : null)
            ?? (type is not ("call" or "put") ? "optionType must be call or put" : null);
        if (error is not null)
        {
            return Problems.BadRequest(error);
        }

        var value = BlackScholes.Value(type == "call", (double)spot!.Value, (double)strike!.Value, (double)days!.Value / 365, (double)volatility!.Value, (double)rate);
        return Results.Json(new
        {
            optionType = type,
            price = Math.Round(value.Price, 6),
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

        var returns = bars.Zip(bars.Skip(1), (a, b) => Math.Log(b.Bar.Close / a.Bar.Close)).ToArray();
        var mean = returns.Average();
        var volatility = Math.Sqrt(returns.Sum(r => (r - mean) * (r - mean)) / (returns.Length - 1) * 365);
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
            volatility = new { current = Math.Round(volatility, 6), periodDays = returns.Length, source = bars[^1].Source },
            timestamp = Timestamps.Now(),
        });
    }
}
