using LowLatency.Bridge.Analytics;
using LowLatency.Engine.MarketData;

namespace LowLatency.Bridge.Api;

/// <summary>
/// <c>POST /api/strategies/optimize</c> (what the frontend's optimiser calls, in its shape): tune the ensemble's vote
/// weights for a timeframe by backtests (<see cref="WeightOptimizer"/>). The general optimiser of any strategy,
/// <c>POST /api/strategies/{id}/optimize</c>, is in <see cref="StrategyOptimizationEndpoints"/>.
/// Timeframes as the frontend writes them (<c>M15</c>, <c>H1</c>, <c>H4</c>, <c>D1</c>, <c>W1</c>) or as the engine does (<c>15m</c>, <c>1h</c> …).
/// </summary>
public static class OptimizeEndpoints
{
    public static void MapOptimize(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/strategies/optimize", (HttpRequest request, EngineAccess engine, WeightOptimizer optimizer) => Optimize(request, engine, optimizer));
        app.MapStrategyOptimization();
    }

    private static async Task<IResult> Optimize(HttpRequest request, EngineAccess engine, WeightOptimizer optimizer)
    {
        var (body, problem) = await RequestBody.ReadAsync(request).ConfigureAwait(false);
        if (problem is not null)
        {
            return problem;
        }

        var timeframeText = body!.String("timeframe", out var error) ?? "H1";
        var metric = (error is null ? body.String("metric", out error) : null) ?? "return";
        var start = error is null ? body.Date("startDate", out error) : null;
        var end = error is null ? body.Date("endDate", out error) : null;
        var symbol = (error is null ? body.String("symbol", out error) : null) ?? "BTC-USD";
        if (error is not null)
        {
            return Problems.BadRequest(error);
        }

        if (!TryTimeframe(timeframeText, out var timeframe))
        {
            return Problems.BadRequest($"unknown timeframe '{timeframeText}' (M15, H1, H4, D1 … or 15m, 1h …)");
        }

        if (!WeightOptimizer.Metrics.Contains(metric))
        {
            return Problems.BadRequest($"metric must be one of {string.Join(", ", WeightOptimizer.Metrics)}");
        }

        if (!engine.TryResolve(symbol, out var instrument))
        {
            return EngineAccess.UnknownSymbol(symbol);
        }

        end ??= DateTimeOffset.UtcNow.Date;
        start ??= end.Value.AddYears(-1);
        if (start >= end || end - start > TimeSpan.FromDays(366 * 5))
        {
            return Problems.BadRequest("startDate must be before endDate, at most five years apart");
        }

        var (definition, file, unknown) = optimizer.Ensemble();
        if (definition is null)
        {
            return Problems.Of(StatusCodes.Status500InternalServerError, "Server configuration", unknown!);
        }

        return Results.Json(await optimizer.RunAsync(definition, file, instrument, timeframe, metric, start.Value, end.Value).ConfigureAwait(false));
    }

    private static bool TryTimeframe(string text, out Timeframe timeframe)
    {
        var t = text.Trim();
        var name = t.Length > 1 && char.IsAsciiLetter(t[0]) && t[1..].All(char.IsAsciiDigit)
            ? char.ToUpperInvariant(t[0]) switch
            {
                'M' => t[1..] + "m",
                'H' => t[1..] + "h",
                'D' => t[1..] + "d",
                'W' => t[1..] + "w",
                _ => t,
            }
            : t;
        return Timeframes.TryParse(name, out timeframe);
    }
}
