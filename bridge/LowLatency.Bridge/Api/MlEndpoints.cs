using LowLatency.Analytics.Ml;
using LowLatency.Bridge.Analytics;
using LowLatency.Bridge.Storage;
using LowLatency.Engine.MarketData;

namespace LowLatency.Bridge.Api;

/// <summary>
/// Contract 2.20 and section 4: <c>POST /api/ml/predict</c> (<c>{symbol, timeframe?="1d", horizon?=5}</c>; the first
/// predict for a key trains its model and says so), <c>POST /api/ml/train</c> (a job: 202 with its id) and
/// <c>GET /api/ml/training-status/{id}</c> (progress and the walk-forward fold metrics).
/// </summary>
public static class MlEndpoints
{
    private const int PredictionBars = 300;

    public static void MapMl(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/ml/predict", Predict);
        app.MapPost("/api/ml/train", Train);
        app.MapMlTools();
        app.MapGet("/api/ml/training-status/{id}", (string id, MlService ml, JobBoard board) =>
            JobPolls.Answer(ml.Find(id) is { } job ? JobViews.Training(job) : null, board, MlService.Kind, id, "training job"));
    }

    private static async Task<IResult> Predict(HttpRequest request, EngineAccess engine, MlService ml, AnalysisHistory history, SettingsStore saved)
    {
        var (parsed, problem) = await Parse(request, engine, saved).ConfigureAwait(false);
        if (problem is not null)
        {
            return problem;
        }

        var (symbol, instrument, timeframe, settings, _) = parsed!.Value;
        var (model, unusable) = ml.Get(instrument, timeframe.Name(), settings.Horizon);
        if (unusable is not null)
        {
            return Problems.Conflict(unusable);
        }

        var trained = false;
        if (model is null)
        {
            var job = ml.Train(instrument, symbol, timeframe, MlService.DefaultLookbackDays, settings);
            model = await job.Completion.ConfigureAwait(false);
            if (model is null)
            {
                return Problems.Of(StatusCodes.Status422UnprocessableEntity, "Training failed", job.Error ?? "unknown error");
            }

            trained = true;
        }

        var (bars, _, invalid, _) = await history.GetAsync(instrument, timeframe, AnalysisHistory.DaysFor(timeframe, PredictionBars), warmupBars: 0).ConfigureAwait(false);
        if (invalid is not null)
        {
            return Problems.BadRequest(invalid);
        }

        var features = MlFeatures.Build(bars);
        if (features.Length == 0 || features[^1] is not { } last)
        {
            return Problems.BadRequest($"{bars.Count} bars: the features need at least 64");
        }

        var (probability, expected) = model.Predict(last);
        var direction = model.Direction(probability);
        return Results.Json(new
        {
            symbol,
            timestamp = Timestamps.Iso(bars[^1].OpenTimeMs),
            prediction = new
            {
                direction,
                confidence = Math.Round(Math.Max(probability, 1 - probability), 6),
                signal = direction > 0 ? "BUY" : direction < 0 ? "SELL" : "NEUTRAL",
                probabilityUp = Math.Round(probability, 6),
                expectedReturn = Math.Round(expected, 8),
                horizonBars = model.Metadata.Options.Horizon,
            },
            history = model.Metadata.OutOfSample.TakeLast(30).Select(o => new { time = Timestamps.Iso(o.TimeMs), prediction = o.Predicted, probability = o.Probability, actual = o.Actual, realisedReturn = o.RealisedReturn }).ToList(),
            trained,
            message = trained ? "no model existed for this symbol, timeframe and horizon: one was trained now and saved" : "saved model",
            model = JobViews.Model(model.Metadata),
        });
    }

    private static async Task<IResult> Train(HttpRequest request, EngineAccess engine, MlService ml, SettingsStore saved)
    {
        var (parsed, problem) = await Parse(request, engine, saved).ConfigureAwait(false);
        if (problem is not null)
        {
            return problem;
        }

        var (symbol, instrument, timeframe, settings, lookback) = parsed!.Value;
        var job = ml.Train(instrument, symbol, timeframe, lookback, settings);
        return Results.Json(new { trainingId = job.Id, status = job.Status, poll = $"/api/ml/training-status/{job.Id}" }, statusCode: StatusCodes.Status202Accepted);
    }

    private static async Task<((string Symbol, Instrument Instrument, Timeframe Timeframe, MlOptions Settings, int LookbackDays)? Parsed, IResult? Problem)> Parse(HttpRequest request, EngineAccess engine, SettingsStore saved)
    {
        var (body, problem) = await RequestBody.ReadAsync(request).ConfigureAwait(false);
        if (problem is not null)
        {
            return (null, problem);
        }

        var symbol = body!.String("symbol", out var error) ?? "BTC-USD";
        var timeframeText = error is null ? body.String("timeframe", out error) ?? "1d" : "1d";
        var numbers = new Dictionary<string, decimal?>();
        foreach (var name in new[] { "horizon", "folds", "embargo", "seed", "trees", "lookbackDays" })
        {
            numbers[name] = error is null ? body.Number(name, out error) : null;
        }

        if (error is not null)
        {
            return (null, Problems.BadRequest(error));
        }

        if (!engine.TryResolve(symbol, out var instrument))
        {
            return (null, EngineAccess.UnknownSymbol(symbol));
        }

        if (!TimeframeText.TryParse(timeframeText, out var timeframe))
        {
            return (null, Problems.BadRequest(TimeframeText.Unknown(timeframeText)));
        }

        if (numbers.Values.Any(v => v is { } n && (n != decimal.Truncate(n) || n < 0 || n > int.MaxValue)))
        {
            return (null, Problems.BadRequest("horizon, folds, embargo, seed, trees and lookbackDays are whole numbers ≥ 0"));
        }

        var defaults = MlToolEndpoints.Saved(saved);
        var settings = defaults with
        {
            Horizon = (int)(numbers["horizon"] ?? defaults.Horizon),
            Folds = (int)(numbers["folds"] ?? defaults.Folds),
            Embargo = (int)(numbers["embargo"] ?? defaults.Embargo),
            Seed = (int)(numbers["seed"] ?? defaults.Seed),
            Trees = (int)(numbers["trees"] ?? defaults.Trees),
        };
        var lookback = (int)(numbers["lookbackDays"] ?? MlService.DefaultLookbackDays);
        try
        {
            settings.Validate();
        }
        catch (ArgumentException e)
        {
            return (null, Problems.BadRequest(e.Message));
        }

        return lookback is < 30 or > 3650
            ? (null, Problems.BadRequest("lookbackDays must be from 30 to 3650"))
            : ((symbol, instrument, timeframe, settings, lookback), null);
    }
}
