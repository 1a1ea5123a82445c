using LowLatency.Analytics;
using LowLatency.Analytics.Indicators;
using LowLatency.Analytics.Indicators.Ehlers;
using LowLatency.Bridge.Analytics;

namespace LowLatency.Bridge.Api;

/// <summary>
/// Contract 2.17, <c>POST /api/ehlers/analyze</c> <c>{symbol, timeframe?="1d", lookbackDays?=100, source?="hl2"}</c>:
/// the contract's <c>current</c> and <c>history</c>, every Ehlers indicator the engine has per bar, and the
/// signals. Thin: parse, replay the streaming indicators (<see cref="EhlersAnalysis"/>), shape.
/// </summary>
public static class EhlersEndpoints
{
    /// <summary>Bars before the lookback that settle the recursive filters (MAMA needs 32, the Hilbert phase 63).</summary>
    public const int WarmupBars = 150;

    public const int MaxLookbackDays = 3650;

    public static void MapEhlers(this IEndpointRouteBuilder app) => app.MapPost("/api/ehlers/analyze", Analyze);

    private static async Task<IResult> Analyze(HttpRequest request, EngineAccess engine, AnalysisHistory history)
    {
        var (body, problem) = await RequestBody.ReadAsync(request).ConfigureAwait(false);
        if (problem is not null)
        {
            return problem;
        }

        var symbol = body!.String("symbol", out var error);
        var timeframeText = error is null ? body.String("timeframe", out error) ?? "1d" : "1d";
        var lookback = error is null ? body.Number("lookbackDays", out error) ?? 100 : 100;
        var source = error is null ? body.String("source", out error) ?? "hl2" : "hl2";
        var synthetic = error is null && (body.Boolean("synthetic", out error) ?? false);
        if (error is not null)
        {
            return Problems.BadRequest(error);
        }

        if (symbol is null)
        {
            return Problems.BadRequest("'symbol' is required");
        }

        if (!engine.TryResolve(symbol, out var instrument))
        {
            return EngineAccess.UnknownSymbol(symbol);
        }

        if (!TimeframeText.TryParse(timeframeText, out var timeframe))
        {
            return Problems.BadRequest(TimeframeText.Unknown(timeframeText));
        }

        if (lookback < 1 || lookback > MaxLookbackDays || lookback != decimal.Truncate(lookback))
        {
            return Problems.BadRequest($"lookbackDays must be a whole number from 1 to {MaxLookbackDays}");
        }

        if (source is not ("hl2" or "close"))
        {
            return Problems.BadRequest("source must be 'hl2' ((high+low)/2, Ehlers' input) or 'close'");
        }

        var (bars, first, invalid, data) = await history.GetAsync(instrument, timeframe, (int)lookback, WarmupBars, synthetic).ConfigureAwait(false);
        if (invalid is not null)
        {
            return Problems.BadRequest(invalid);
        }

        DataHeaders.Apply(request.HttpContext.Response, data);
        if (bars.Count == first)
        {
            return Problems.BadRequest(data.TooFew(instrument.Symbol, timeframe, 1));
        }

        var analysis = EhlersAnalysis.Run(bars, source == "hl2", bars.Count - first);
        return Results.Json(Shape(symbol, timeframeText, source, analysis, data));
    }

    private static object Shape(string symbol, string timeframe, string source, EhlersAnalysis a, CandleSet data)
    {
        var reported = Enumerable.Range(a.First, a.Bars.Count - a.First).ToList();
        var mode = a.TrendMode;
        return new
        {
            symbol,
            timeframe,
            source,
            timestamp = Timestamps.Now(),
            bars = reported.Count,
            warmupBars = a.First,
            data = data.Describe(),
            current = new
            {
                mama = Value(a.Current("mama")) ?? 0,
                fama = Value(a.Current("fama")) ?? 0,
                cycle = Value(a.Current("cyber_cycle")),
                dominantCyclePeriod = Value(a.Current("ht_dcperiod")),
                indicators = IndicatorSet.Columns.ToDictionary(CamelCase, c => Value(a.Current(c))),
            },
            history = reported.Select(i => new
            {
                time = Timestamps.Iso(a.Bars[i].OpenTimeMs),
                mama = Value(a.Values[i][IndicatorSet.IndexOf("mama")]) ?? 0,
                fama = Value(a.Values[i][IndicatorSet.IndexOf("fama")]) ?? 0,
                price = a.Bars[i].Close,
                indicators = IndicatorSet.Columns.Select((c, k) => (c, k)).ToDictionary(x => CamelCase(x.c), x => Value(a.Values[i][x.k])),
            }).ToList(),
            signals = new
            {
                mamaFamaCross = Signal(a, a.MamaFamaCross),
                fisherReversal = Signal(a, a.FisherReversal),
                mode = mode is null ? "unknown" : mode.Value ? "trend" : "cycle",
                dominantCyclePeriod = Value(a.Current("ht_dcperiod")),
            },
        };
    }

    private static object Signal(EhlersAnalysis a, EhlersSignal s) => new
    {
        direction = s.Direction,
        time = s.TimeMs is { } t ? Timestamps.Iso(t) : null,
        barsAgo = s.BarsAgo,
        historyIndex = s.Bar is { } bar && bar >= a.First ? bar - a.First : (int?)null,
    };

    private static double? Value(double v) => double.IsFinite(v) ? Math.Round(v, 10) : null;

    private static string CamelCase(string column)
    {
        var parts = column.Split('_');
        return parts[0] + string.Concat(parts.Skip(1).Select(p => char.ToUpperInvariant(p[0]) + p[1..]));
    }
}
