using LowLatency.Analytics.Patterns;
using LowLatency.Analytics.Gann;
using LowLatency.Bridge.Analytics;
using LowLatency.Engine.MarketData;

namespace LowLatency.Bridge.Api;

/// <summary>
/// Contract 2.1, 2.4–2.6: candles, Gann levels, signals, backtests (synchronous, as the frontend calls it, and
/// as pollable jobs). These work whether or not the engine is connected.
/// </summary>
public static class AnalyticsEndpoints
{
    private static readonly DateTimeOffset Earliest = new(2000, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public static void MapAnalytics(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/market-data/{**symbol}", Candles);
        app.MapPost("/api/gann-levels/{**symbol}", Gann);
        app.MapGet("/api/signals/{**symbol}", async (string symbol, int? limit, EngineAccess engine, SignalService signals) =>
        {
            if (!engine.TryResolve(symbol, out var instrument))
            {
                return EngineAccess.UnknownSymbol(symbol);
            }

            var (list, error) = await signals.ForAsync(instrument, symbol, Math.Clamp(limit ?? 20, 1, 200)).ConfigureAwait(false);
            return error is null ? Results.Json(list) : Problems.BadRequest(error);
        });
        app.MapPost("/api/forecast/waves", Waves);
        app.MapPost("/api/run_backtest", RunBacktest);
        app.MapPost("/api/backtests", StartBacktest);
        app.MapGet("/api/backtests/{id}", (string id, BacktestService backtests, JobBoard board) =>
            JobPolls.Answer(backtests.Find(id) is { } job ? JobViews.Backtest(job) : null, board, BacktestService.Kind, id, "backtest job"));
    }

    private static async Task<IResult> Candles(string symbol, HttpRequest request, EngineAccess engine, CandleService candles)
    {
        var (body, problem) = await RequestBody.ReadAsync(request).ConfigureAwait(false);
        if (problem is not null)
        {
            return problem;
        }

        if (!engine.TryResolve(symbol, out var instrument))
        {
            return EngineAccess.UnknownSymbol(symbol);
        }

        var timeframeText = body!.String("timeframe", out var error) ?? "1d";
        if (error is not null || !TimeframeText.TryParse(timeframeText, out var timeframe))
        {
            return Problems.BadRequest(error ?? TimeframeText.Unknown(timeframeText));
        }

        var end = body.Date("endDate", out error) ?? DateTimeOffset.UtcNow;
        var start = error is null ? body.Date("startDate", out error) : null;
        if (error is not null)
        {
            return Problems.BadRequest(error);
        }

        var synthetic = body.Boolean("synthetic", out error) ?? false;
        if (error is not null)
        {
            return Problems.BadRequest(error);
        }

        start ??= end.AddDays(-100);
        if (start < Earliest || end > DateTimeOffset.UtcNow.AddYears(1))
        {
            return Problems.BadRequest($"dates must lie between {Earliest:yyyy-MM-dd} and a year from now");
        }

        var (bars, invalid) = await candles.GetAsync(instrument, timeframe, start.Value, end, synthetic).ConfigureAwait(false);
        if (invalid is not null)
        {
            return Problems.BadRequest(invalid);
        }

        DataHeaders.Apply(request.HttpContext.Response, bars);
        return Results.Json(bars.Select(b => new
        {
            time = Timestamps.Iso(b.Bar.OpenTimeMs),
            date = Timestamps.Iso(b.Bar.OpenTimeMs)[..10],
            open = b.Bar.Open,
            high = b.Bar.High,
            low = b.Bar.Low,
            close = b.Bar.Close,
            volume = b.Bar.Volume,
            source = b.Source,
        }).ToList());
    }

    private static async Task<IResult> Waves(HttpRequest request, EngineAccess engine, CandleService candles)
    {
        var (body, problem) = await RequestBody.ReadAsync(request).ConfigureAwait(false);
        if (problem is not null)
        {
            return problem;
        }

        var symbol = body!.String("symbol", out var error) ?? "BTC-USD";
        if (error is not null)
        {
            return Problems.BadRequest(error);
        }

        if (!engine.TryResolve(symbol, out var instrument))
        {
            return EngineAccess.UnknownSymbol(symbol);
        }

        var now = DateTimeOffset.UtcNow;
        var (bars, invalid) = await candles.GetAsync(instrument, Timeframe.D1, now.AddDays(-200), now).ConfigureAwait(false);
        if (invalid is not null || bars.Count < 20)
        {
            return Problems.BadRequest(invalid ?? "not enough daily history for a wave reading");
        }

        var reading = WaveAnalysis.Analyze(AnalysisHistory.Bars(bars));
        return Results.Json(WaveView.From(symbol, reading, bars[^1].Bar.Close, bars[^1].Bar.OpenTimeMs));
    }

    private static async Task<IResult> Gann(string symbol, HttpRequest request, EngineAccess engine)
    {
        var (body, problem) = await RequestBody.ReadAsync(request).ConfigureAwait(false);
        if (problem is not null)
        {
            return problem;
        }

        if (!engine.TryResolve(symbol, out var instrument))
        {
            return EngineAccess.UnknownSymbol(symbol);
        }

        var price = body!.Number("price", out var error);
        var rings = body.Number("levels", out var levelsError) ?? 5;
        error ??= levelsError;
        if (error is not null)
        {
            return Problems.BadRequest(error);
        }

        price ??= engine.Model.Price(instrument.Id)?.Price;
        if (price is null)
        {
            return Problems.BadRequest("send a price (no quote for this symbol has reached the bridge)");
        }

        if (price <= 0 || price > 1e12m)
        {
            return Problems.BadRequest("Invalid price provided: it must be positive");
        }

        if (rings is < 1 or > 10 || rings != decimal.Truncate(rings))
        {
            return Problems.BadRequest("levels must be a whole number from 1 to 10");
        }

        return Results.Json(SquareOfNine.Levels((double)price.Value, (int)rings));
    }

    private static async Task<IResult> RunBacktest(HttpRequest request, EngineAccess engine, BacktestService backtests)
    {
        var (job, problem) = await StartJob(request, engine, backtests).ConfigureAwait(false);
        if (problem is not null)
        {
            return problem;
        }

        await job!.Completion.ConfigureAwait(false);
        return job.Status == "completed" ? Results.Json(job.Report) : Problems.Of(StatusCodes.Status422UnprocessableEntity, "Backtest failed", job.Error ?? "unknown error");
    }

    private static async Task<IResult> StartBacktest(HttpRequest request, EngineAccess engine, BacktestService backtests)
    {
        var (job, problem) = await StartJob(request, engine, backtests).ConfigureAwait(false);
        return problem ?? Results.Json(new { id = job!.Id, status = job.Status, progress = job.Progress, poll = $"/api/backtests/{job.Id}" }, statusCode: StatusCodes.Status202Accepted);
    }

    private static async Task<(BacktestJob? Job, IResult? Problem)> StartJob(HttpRequest request, EngineAccess engine, BacktestService backtests)
    {
        var (body, problem) = await RequestBody.ReadAsync(request).ConfigureAwait(false);
        if (problem is not null)
        {
            return (null, problem);
        }

        var symbol = body!.String("symbol", out var error) ?? "BTC-USD";
        var start = error is null ? body.Date("startDate", out error) : null;
        var end = error is null ? body.Date("endDate", out error) : null;
        var capital = error is null ? body.Number("initialCapital", out error) : null;
        var strategy = error is null ? body.String("strategy", out error) : null;
        if (error is not null)
        {
            return (null, Problems.BadRequest(error));
        }

        if (!engine.TryResolve(symbol, out var instrument))
        {
            return (null, EngineAccess.UnknownSymbol(symbol));
        }

        start ??= new DateTimeOffset(2023, 1, 1, 0, 0, 0, TimeSpan.Zero);
        end ??= new DateTimeOffset(2024, 12, 31, 0, 0, 0, TimeSpan.Zero);
        capital ??= 100_000m;
        var invalid = start >= end ? "endDate must be after startDate"
            : start < Earliest || end > DateTimeOffset.UtcNow.AddYears(1) ? $"dates must lie between {Earliest:yyyy-MM-dd} and a year from now"
            : end - start > TimeSpan.FromDays(366 * 5) ? "at most five years per backtest"
            : capital <= 0 || capital > 1e12m ? "initialCapital must be positive (at most 1e12)"
            : null;
        if (invalid is not null)
        {
            return (null, Problems.BadRequest(invalid));
        }

        if (strategy is not null && backtests.ChooseStrategy(strategy, instrument).Error is { } unknown)
        {
            return (null, Problems.NotFound(unknown));
        }

        return (backtests.Start(new BacktestRequest(symbol, instrument.Id, start.Value, end.Value, capital.Value, strategy)), null);
    }
}
