using LowLatency.Analytics.Gann;
using LowLatency.Analytics.Indicators;
using LowLatency.Bridge.Analytics;

namespace LowLatency.Bridge.Api;

/// <summary>
/// Contract 2.19 <c>POST /api/gann/full-analysis</c> and section 4's <c>/api/gann/angles</c> and
/// <c>/api/gann/box</c>. Thin: parse (<see cref="AnalysisRequest"/>), call <c>LowLatency.Analytics.Gann</c>, shape.
/// Every optional field's default is stated in the response.
/// </summary>
public static class GannEndpoints
{
    private const int DefaultLookbackDays = 100;

    public static void MapGann(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/gann/full-analysis", FullAnalysis);
        app.MapPost("/api/gann/angles", Angles);
        app.MapPost("/api/gann/box", Box);
        app.MapGannTools();
    }

    /// <summary>NaN and infinities as null; prices to 8 decimals.</summary>
    internal static double? R(double value) => double.IsFinite(value) ? Math.Round(value, 8) : null;

    internal static object PivotView(Pivot p) => new { price = R(p.Price), time = Timestamps.Iso(p.TimeMs), bar = p.Bar, type = p.IsHigh ? "high" : "low" };

    private static async Task<IResult> FullAnalysis(HttpRequest http, EngineAccess engine, AnalysisHistory history)
    {
        var (request, problem) = await AnalysisRequest.ReadAsync(http, engine, history, DefaultLookbackDays).ConfigureAwait(false);
        if (problem is not null)
        {
            return problem;
        }

        var (rings, ringsProblem) = request!.Whole("levels", 1, 10);
        var (scale, scaleProblem) = request.Price("pricePerBar");
        if ((ringsProblem ?? scaleProblem) is { } bad)
        {
            return bad;
        }

        var a = GannAnalysis.Run(request.Bars, request.Bars.Count, rings ?? 5, scale);
        return Results.Json(new
        {
            symbol = request.Symbol,
            currentPrice = R(a.Price),
            timestamp = Timestamps.Now(),
            timeframe = request.Timeframe,
            sq9Levels = new
            {
                support = a.Levels.Where(l => l.Price < a.Price).Select(l => R(l.Price)).Reverse().ToList(),
                resistance = a.Levels.Where(l => l.Price > a.Price).Select(l => R(l.Price)).ToList(),
                centre = PivotView(a.Centre),
                levels = a.Levels.Select(l => new { angle = l.Angle, degree = l.Degree, price = R(l.Price), type = l.Type, strength = l.Strength }).ToList(),
            },
            gannAngles = a.Fan.Select(f => new
            {
                angle = f.Angle.Name,
                degrees = f.Angle.GannDegrees,
                ratio = f.Angle.Ratio,
                direction = f.Up ? "up" : "down",
                price = R(f.Price),
            }).ToList(),
            analysis = new
            {
                nearestSupport = R(a.NearestSupport) ?? 0,
                nearestResistance = R(a.NearestResistance) ?? 0,
                trend = a.Trend,
                strength = a.Strength,
            },
            angleConvention = GannAngle.Convention,
            pricePerBar = R(a.PricePerBar),
            defaults = "lookbackDays 100, timeframe 1d, levels 5 rings, centre = the lookback's high or low nearer the close, pricePerBar = mean true range of 14 bars",
        });
    }

    private static async Task<IResult> Angles(HttpRequest http, EngineAccess engine, AnalysisHistory history)
    {
        var (request, problem) = await AnalysisRequest.ReadAsync(http, engine, history, DefaultLookbackDays).ConfigureAwait(false);
        if (problem is not null)
        {
            return problem;
        }

        var (pivotHigh, p1) = request!.Price("pivotHigh");
        var (pivotLow, p2) = request.Price("pivotLow");
        var (basePrice, p3) = request.Price("basePrice");
        var (scale, p4) = request.Price("pricePerBar");
        var (ahead, p5) = request.Whole("barsAhead", 1, 1000);
        if ((p1 ?? p2 ?? p3 ?? p4 ?? p5) is { } bad)
        {
            return bad;
        }

        var bars = request.Bars;
        var (high, low) = Pivots.Extremes(bars, bars.Count);
        high = pivotHigh is { } h ? high with { Price = h } : high;
        low = pivotLow is { } l ? low with { Price = l } : low;
        var pricePerBar = scale ?? MeanTrueRange.Of(bars);
        var barsAhead = ahead ?? 30;
        var last = bars.Count - 1;
        var barMs = bars.Count > 1 ? bars[^1].OpenTimeMs - bars[^2].OpenTimeMs : 86_400_000;
        var price = basePrice ?? request.LastClose;

        object Fan(Pivot pivot) => GannAngle.All.Select(angle => new
        {
            name = angle.Name,
            ratio = angle.Ratio,
            degrees = angle.GannDegrees,
            geometricDegrees = Math.Round(angle.GeometricDegrees, 4),
            direction = pivot.IsHigh ? "down" : "up",
            priceNow = R(angle.PriceAt(pivot.Price, pricePerBar, last - pivot.Bar, !pivot.IsHigh)),
            projection = Enumerable.Range(0, barsAhead + 1).Where(k => k == 0 || k == barsAhead || k % Math.Max(1, barsAhead / 10) == 0).Select(k => new
            {
                barsAhead = k,
                time = Timestamps.Iso(bars[^1].OpenTimeMs + (k * barMs)),
                price = R(angle.PriceAt(pivot.Price, pricePerBar, last + k - pivot.Bar, !pivot.IsHigh)),
            }).ToList(),
        }).ToList();

        var now = GannAngle.All.SelectMany(a => new[] { a.PriceAt(low.Price, pricePerBar, last - low.Bar, true), a.PriceAt(high.Price, pricePerBar, last - high.Bar, false) }).ToList();
        var (support, resistance) = NearestLevels.Around(now, price);
        return Results.Json(new
        {
            symbol = request.Symbol,
            timeframe = request.Timeframe,
            timestamp = Timestamps.Now(),
            currentPrice = R(price),
            convention = GannAngle.Convention,
            pricePerBar = R(pricePerBar),
            pivots = new { high = PivotView(high), low = PivotView(low) },
            fromLow = Fan(low),
            fromHigh = Fan(high),
            nearestSupport = R(support),
            nearestResistance = R(resistance),
            defaults = "lookbackDays 100, timeframe 1d, pivots = the lookback's highest high and lowest low, pricePerBar = mean true range of 14 bars, barsAhead 30",
        });
    }

    private static async Task<IResult> Box(HttpRequest http, EngineAccess engine, AnalysisHistory history)
    {
        var (request, problem) = await AnalysisRequest.ReadAsync(http, engine, history, DefaultLookbackDays).ConfigureAwait(false);
        if (problem is not null)
        {
            return problem;
        }

        var (periodHigh, p1) = request!.Price("periodHigh");
        var (periodLow, p2) = request.Price("periodLow");
        var (basePrice, p3) = request.Price("basePrice");
        if ((p1 ?? p2 ?? p3) is { } bad)
        {
            return bad;
        }

        var (high, low) = Pivots.Extremes(request.Bars, request.Bars.Count);
        var top = periodHigh ?? high.Price;
        var bottom = periodLow ?? low.Price;
        if (!(top > bottom))
        {
            return Problems.BadRequest("periodHigh must be above periodLow");
        }

        var price = basePrice ?? request.LastClose;
        var levels = GannBox.Levels(top, bottom);
        var spanMs = Math.Max(high.TimeMs, low.TimeMs) - Math.Min(high.TimeMs, low.TimeMs);
        var startMs = Math.Min(high.TimeMs, low.TimeMs);
        var (boxSupport, boxResistance) = NearestLevels.Around(levels.Select(l => l.Price), price);
        return Results.Json(new
        {
            symbol = request.Symbol,
            timeframe = request.Timeframe,
            timestamp = Timestamps.Now(),
            currentPrice = R(price),
            periodHigh = R(top),
            periodLow = R(bottom),
            position = R((price - bottom) / (top - bottom)),
            priceLevels = levels.Select(l => new { division = l.Name, fraction = Math.Round(l.Fraction, 6), price = R(l.Price), type = l.Price < price ? "support" : "resistance" }).ToList(),
            timeLevels = GannBox.Divisions.Select(d => new { division = d.Name, fraction = Math.Round(d.Fraction, 6), time = Timestamps.Iso(startMs + (long)(d.Fraction * spanMs)), projected = Timestamps.Iso(startMs + spanMs + (long)(d.Fraction * spanMs)) }).ToList(),
            nearestSupport = R(boxSupport),
            nearestResistance = R(boxResistance),
            defaults = "lookbackDays 100, timeframe 1d, periodHigh/periodLow = the lookback's extremes; time divisions span the bars between them, projected one span ahead",
        });
    }
}
