using System.Text.Json;
using System.Text.Json.Nodes;
using LowLatency.Analytics.Ml;
using LowLatency.Analytics.Optimisation;
using LowLatency.Bridge.Analytics;
using LowLatency.Bridge.Storage;

namespace LowLatency.Bridge.Api;

/// <summary>
/// Section 4's other ML routes: <c>GET</c>/<c>POST /api/ml/config</c> (the training defaults every train and predict
/// starts from), <c>POST /api/ml/auto-tune</c> (<c>{symbol?, timeframe?, searchMethod?="random", maxTrials?=8}</c>: a job
/// searching trees and leaves for the best walk-forward AUC; poll it at <c>/api/ml/training-status/{id}</c>) and
/// <c>POST /api/ml/export</c> (<c>{symbol?, timeframe?, horizon?, format?="mlnet"}</c>: the saved model's files, base64).
/// </summary>
public static class MlToolEndpoints
{
    private const string ConfigDocument = "ml-config";
    private static readonly HashSet<string> ConfigFields = ["horizon", "folds", "embargo", "seed", "trees", "leaves", "neutralBand"];

    public static void MapMlTools(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/ml/config", (SettingsStore settings) => Results.Json(new { config = Saved(settings), features = MlFeatures.Names, featureVersion = MlFeatures.Version }));
        app.MapPost("/api/ml/config", SaveConfig);
        app.MapPost("/api/ml/auto-tune", AutoTune);
        app.MapPost("/api/ml/export", Export);
    }

    /// <summary>The saved training defaults (the built-in ones where nothing was saved).</summary>
    public static MlOptions Saved(SettingsStore settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var merged = JsonSerializer.SerializeToNode(new MlOptions(), JsonSerializerOptions.Web)!.AsObject();
        foreach (var (key, value) in settings.Load(ConfigDocument) ?? [])
        {
            merged[key] = value?.DeepClone();
        }

        return merged.Deserialize<MlOptions>(JsonSerializerOptions.Web) ?? new MlOptions();
    }

    private static async Task<IResult> SaveConfig(HttpRequest request, SettingsStore settings)
    {
        var (body, problem) = await RequestBody.ReadAsync(request, ConfigFields).ConfigureAwait(false);
        if (problem is not null)
        {
            return problem;
        }

        var candidate = Saved(settings);
        try
        {
            var merged = JsonSerializer.SerializeToNode(candidate, JsonSerializerOptions.Web)!.AsObject();
            foreach (var (key, value) in body!.ToJsonObject())
            {
                merged[key] = value?.DeepClone();
            }

            candidate = merged.Deserialize<MlOptions>(JsonSerializerOptions.Web)!;
            candidate.Validate();
        }
        catch (Exception e) when (e is JsonException or ArgumentException or InvalidOperationException)
        {
            return Problems.BadRequest(e.Message);
        }

        settings.Merge(ConfigDocument, JsonSerializer.SerializeToNode(candidate, JsonSerializerOptions.Web)!.AsObject());
        return Results.Json(new { success = true, config = candidate });
    }

    private static async Task<IResult> AutoTune(HttpRequest request, EngineAccess engine, MlService ml, SettingsStore settings)
    {
        var (body, problem) = await RequestBody.ReadAsync(request).ConfigureAwait(false);
        if (problem is not null)
        {
            return problem;
        }

        var symbol = body!.String("symbol", out var error) ?? "BTC-USD";
        var timeframeText = error is null ? body.String("timeframe", out error) ?? "1d" : "1d";
        var methodText = error is null ? body.String("searchMethod", out error) ?? "random" : "";
        var trials = error is null ? body.Number("maxTrials", out error) ?? 8 : 0;
        if (error is not null)
        {
            return Problems.BadRequest(error);
        }

        if (!engine.TryResolve(symbol, out var instrument))
        {
            return EngineAccess.UnknownSymbol(symbol);
        }

        if (!TimeframeText.TryParse(timeframeText, out var timeframe))
        {
            return Problems.BadRequest(TimeframeText.Unknown(timeframeText));
        }

        SearchMethod? method = methodText switch { "grid" => SearchMethod.Grid, "random" => SearchMethod.Random, "evolution" => SearchMethod.Evolution, _ => null };
        if (method is null || trials is < 1 or > 200 || trials != decimal.Truncate(trials))
        {
            return Problems.BadRequest("searchMethod must be grid, random or evolution; maxTrials a whole number from 1 to 200");
        }

        var job = ml.AutoTune(instrument, symbol, timeframe, MlService.DefaultLookbackDays, Saved(settings), method.Value, (int)trials);
        return Results.Json(new { trainingId = job.Id, status = job.Status, poll = $"/api/ml/training-status/{job.Id}" }, statusCode: StatusCodes.Status202Accepted);
    }

    private static async Task<IResult> Export(HttpRequest request, EngineAccess engine, MlService ml, SettingsStore settings)
    {
        var (body, problem) = await RequestBody.ReadAsync(request).ConfigureAwait(false);
        if (problem is not null)
        {
            return problem;
        }

        var symbol = body!.String("symbol", out var error) ?? "BTC-USD";
        var timeframe = error is null ? body.String("timeframe", out error) ?? "1d" : "1d";
        var horizon = error is null ? body.Number("horizon", out error) : null;
        var format = error is null ? body.String("format", out error) ?? "mlnet" : "";
        if (error is not null)
        {
            return Problems.BadRequest(error);
        }

        if (!engine.TryResolve(symbol, out var instrument))
        {
            return EngineAccess.UnknownSymbol(symbol);
        }

        if (format != "mlnet")
        {
            return Problems.BadRequest($"format '{format}' is not available: models export as ML.NET zips ('mlnet')");
        }

        var h = (int)(horizon ?? Saved(settings).Horizon);
        return ml.Files(instrument, timeframe, h) is { } files
            ? Results.Json(new { modelId = MlService.Key(instrument, timeframe, h), format, files = files.ToDictionary(f => f.Key, f => Convert.ToBase64String(f.Value)), metadata = JsonNode.Parse(files["metadata.json"]) })
            : Problems.NotFound($"no model for {symbol} {timeframe} horizon {h}: train one first (POST /api/ml/train)");
    }
}
