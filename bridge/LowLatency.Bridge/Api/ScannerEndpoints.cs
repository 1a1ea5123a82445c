using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using LowLatency.Analytics.Patterns;
using LowLatency.Analytics.Scanner;
using LowLatency.Bridge.Analytics;
using LowLatency.Bridge.Storage;
using LowLatency.Engine.MarketData;
using LowLatency.Work;

namespace LowLatency.Bridge.Api;

/// <summary>
/// Contract 2.21–2.22 and section 4: <c>POST /api/scanner/scan</c> (every configured instrument or the requested
/// ones, on the requested timeframe or every saved one, scanned in parallel by <see cref="ConfluenceScanner"/> (here, or one task per series on the workers with
/// <c>Bridge:Work:Nats</c>) with the saved <c>/api/config/scanner</c> settings,
/// which the body may override), <c>GET /api/scanner/results</c> (the last scan, stored in the history database so
/// it survives a restart) and <c>POST /api/patterns/scan</c> (the candlestick patterns of one series).
/// </summary>
public static class ScannerEndpoints
{
    private const string LastScan = "scanner-last-result";
    /// <summary>Bars per scanned series (the scanner needs 50; the indicators settle within them).</summary>
    private const int ScanBars = 250;

    public static void MapScanner(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/scanner/scan", Scan);
        app.MapGet("/api/scanner/results", (SettingsStore settings) => settings.Load(LastScan) is { } last && last["scan"] is JsonObject scan
            ? Results.Json(scan)
            : Results.Json(new { results = Array.Empty<object>(), scannedSymbols = Array.Empty<string>(), timestamp = "", message = "no scan has run yet: POST /api/scanner/scan" }));
        app.MapPost("/api/patterns/scan", Patterns);
    }

    private static async Task<IResult> Scan(HttpRequest request, EngineAccess engine, AnalysisHistory history, SettingsStore store, MlService ml, WorkQueue work)
    {
        var (body, problem) = await RequestBody.ReadAsync(request).ConfigureAwait(false);
        if (problem is not null)
        {
            return problem;
        }

        var saved = SettingsEndpoints.Scanner(store, engine);
        var symbols = body!.StringArray("symbols", out var error);
        var timeframeText = error is null ? body.String("timeframe", out error) : null;
        var minConfluence = error is null ? body.Number("minConfluence", out error) : null;
        var minConfidence = error is null ? body.Number("signalStrength", out error) : null;
        var mode = error is null ? body.String("riskRewardMode", out error) : null;
        var fixedRr = error is null ? body.Number("fixedRR", out error) : null;
        var multiple = error is null ? body.Number("tpMultiplier", out error) : null;
        if (error is not null)
        {
            return Problems.BadRequest(error);
        }

        // The body's timeframe, else every timeframe saved in the scanner settings.
        var names = timeframeText is not null ? [timeframeText] : saved["timeframes"] is System.Text.Json.Nodes.JsonArray list ? list.Select(n => n?.ToString() ?? "").ToList() : ["1d"];
        var timeframes = new List<(string Name, Timeframe Timeframe)>();
        foreach (var name in names)
        {
            if (!TimeframeText.TryParse(name, out var parsed))
            {
                return Problems.BadRequest(TimeframeText.Unknown(name));
            }

            timeframes.Add((name, parsed));
        }

        var settings = new ScanSettings(
            (int)(minConfluence ?? Saved(saved, "minConfluence", 2)),
            (double)(minConfidence ?? Saved(saved, "signalStrength", 0.6m)),
            (mode ?? saved["riskRewardMode"]?.GetValue<string>() ?? "dynamic") == "fixed",
            (double)(fixedRr ?? Saved(saved, "fixedRR", 2)),
            (double)(multiple ?? Saved(saved, "tpMultiplier", 2)));
        if (settings.MinConfluence is < 1 or > 5 || settings.MinConfidence is < 0 or > 1 || settings.FixedRiskReward <= 0 || settings.TargetAtrMultiple <= 0 || mode is not (null or "fixed" or "dynamic"))
        {
            return Problems.BadRequest("minConfluence 1–5, signalStrength 0–1, fixedRR and tpMultiplier positive, riskRewardMode fixed or dynamic");
        }

        var requested = symbols ?? [.. engine.Model.Registry.All.Select(i => i.Symbol)];
        if (requested.Count is 0 or > 50)
        {
            return Problems.BadRequest("scan 1 to 50 symbols");
        }

        var instruments = new List<(string Symbol, Instrument Instrument)>();
        foreach (var symbol in requested)
        {
            if (!engine.TryResolve(symbol, out var instrument))
            {
                return EngineAccess.UnknownSymbol(symbol);
            }

            instruments.Add((symbol, instrument));
        }

        var series = instruments.SelectMany(i => timeframes.Select(t => (i.Symbol, i.Instrument, t.Name, t.Timeframe))).ToList();
        var scanned = new ConcurrentDictionary<(string Symbol, string Timeframe), (ScanResult? Result, string? Error)>();
        try
        {
            // With Bridge:Work:Nats each series is a task for the workers, scanned there from the candles read here.
            await using var remote = work.Enabled ? await work.OpenJobAsync("scan" + Guid.NewGuid().ToString("N"), request.HttpContext.RequestAborted, work.ScanTimeout).ConfigureAwait(false) : null;
            var parallel = new ParallelOptions { CancellationToken = request.HttpContext.RequestAborted, MaxDegreeOfParallelism = remote is null ? Environment.ProcessorCount : work.Parallelism };
            await Parallel.ForEachAsync(series, parallel, async (item, token) =>
            {
                var (bars, _, invalid, _) = await history.GetAsync(item.Instrument, item.Timeframe, AnalysisHistory.DaysFor(item.Timeframe, ScanBars), warmupBars: 0).ConfigureAwait(false);
                var enough = invalid is null && bars.Count >= ConfluenceScanner.MinimumBars;
                var probability = enough ? MlProbability(ml, item.Instrument, item.Timeframe, bars) : null;
                scanned[(item.Symbol, item.Name)] = invalid is not null ? (null, invalid)
                    : !enough ? (null, $"{bars.Count} bars: the scanner needs {ConfluenceScanner.MinimumBars}")
                    : remote is not null ? await ScanOnWorkerAsync(remote, bars, settings, probability, token).ConfigureAwait(false)
                    : (ConfluenceScanner.Scan(bars, settings, probability), null);
            }).ConfigureAwait(false);
        }
        catch (Exception e) when (e is TimeoutException or NATS.Client.Core.NatsException)
        {
            return Problems.Of(StatusCodes.Status503ServiceUnavailable, "Workers unavailable", e.Message);
        }

        var done = series.Select(w => (w.Symbol, w.Name, scanned[(w.Symbol, w.Name)])).ToList();
        var response = new
        {
            results = done.Where(d => d.Item3.Result is { } r && r.Passes(settings)).Select(d => Result(d.Symbol, d.Name, d.Item3.Result!)).ToList(),
            scannedSymbols = instruments.Select(i => i.Symbol).ToList(),
            timestamp = Timestamps.Now(),
            timeframes = timeframes.Select(t => t.Name).ToList(),
            settings = new { minConfluence = settings.MinConfluence, minConfidence = settings.MinConfidence, riskRewardMode = settings.FixedRiskRewardMode ? "fixed" : "dynamic", fixedRR = settings.FixedRiskReward, tpMultiplier = settings.TargetAtrMultiple },
            candidates = done.Where(d => d.Item3.Result is not null).Select(d => Result(d.Symbol, d.Name, d.Item3.Result!)).ToList(),
            errors = done.Where(d => d.Item3.Error is not null).Select(d => new { symbol = d.Symbol, timeframe = d.Name, error = d.Item3.Error }).ToList(),
            mlFactor = "included for the symbols with a trained model (POST /api/ml/train, horizon 5) on that timeframe",
        };
        store.Merge(LastScan, new JsonObject { ["scan"] = JsonSerializer.SerializeToNode(response, JsonSerializerOptions.Web) });
        return Results.Json(response);
    }

    private static async Task<(ScanResult? Result, string? Error)> ScanOnWorkerAsync(RemoteWorkJob remote, List<LowLatency.Analytics.OhlcvBar> bars, ScanSettings settings, double? probability, CancellationToken token)
    {
        var done = await remote.ScanAsync(new ScanTask { Job = remote.Id, Task = remote.NextTask(), Bars = [.. bars], Settings = settings, MlProbability = probability }, token).ConfigureAwait(false);
        return (done.Result, done.Error);
    }

    private static object Result(string symbol, string timeframe, ScanResult r) => new
    {
        symbol,
        timeframe,
        direction = r.Direction > 0 ? "BUY" : r.Direction < 0 ? "SELL" : "NEUTRAL",
        confidence = r.Confidence,
        entryPrice = Math.Round(r.Entry, 8),
        stopLoss = Math.Round(r.StopLoss, 8),
        takeProfit = Math.Round(r.TakeProfit, 8),
        riskReward = r.RiskReward,
        timestamp = Timestamps.Iso(r.TimeMs),
        confluence = r.Confluence,
        factors = r.Factors.Select(f => new { name = f.Name, weight = f.Weight, vote = f.Vote, strength = Math.Round(f.Strength, 4), reason = f.Reason }).ToList(),
    };

    private static double? MlProbability(MlService ml, Instrument instrument, Timeframe timeframe, List<LowLatency.Analytics.OhlcvBar> bars)
    {
        if (ml.Get(instrument, timeframe.Name(), new LowLatency.Analytics.Ml.MlOptions().Horizon).Model is not { } model)
        {
            return null;
        }

        var features = LowLatency.Analytics.Ml.MlFeatures.Build(bars);
        return features.Length > 0 && features[^1] is { } last ? model.Predict(last).Probability : null;
    }

    private static decimal Saved(JsonObject saved, string key, decimal fallback) =>
        saved[key] is JsonValue value && value.TryGetValue<decimal>(out var number) ? number : fallback;

    private static async Task<IResult> Patterns(HttpRequest http, EngineAccess engine, AnalysisHistory history)
    {
        var (request, problem) = await AnalysisRequest.ReadAsync(http, engine, history, 100).ConfigureAwait(false);
        if (problem is not null)
        {
            return problem;
        }

        var matches = CandlestickPatterns.Scan(request!.Bars);
        return Results.Json(new
        {
            symbol = request.Symbol,
            timeframe = request.Timeframe,
            timestamp = Timestamps.Now(),
            bars = request.Bars.Count,
            patterns = matches.Select(m => new
            {
                time = Timestamps.Iso(m.TimeMs),
                pattern = m.Pattern,
                direction = m.Direction > 0 ? "BUY" : m.Direction < 0 ? "SELL" : "NEUTRAL",
                strength = m.Strength,
                price = request.Bars[m.Bar].Close,
            }).Reverse().ToList(),
            summary = Enum.GetValues<CandlestickPattern>().ToDictionary(p => JsonNamingPolicy.SnakeCaseLower.ConvertName(p.ToString()), p => matches.Count(m => m.Pattern == p)),
            defaults = "lookbackDays 100, timeframe 1d; newest first",
        });
    }
}
