using LowLatency.Analytics.Gann;
using LowLatency.Bridge.Analytics;
using static LowLatency.Bridge.Api.GannEndpoints;

namespace LowLatency.Bridge.Api;

/// <summary>
/// Section 4's Gann tools: <c>/api/gann/hexagon</c>, <c>/api/gann/vibration-matrix</c>,
/// <c>/api/gann/supply-demand</c> and <c>/api/cycles/analyze</c> (time cycles with confluence zones).
/// </summary>
public static class GannToolEndpoints
{
    public static void MapGannTools(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/gann/hexagon", HexagonChart);
        app.MapPost("/api/gann/vibration-matrix", Vibration);
        app.MapPost("/api/gann/supply-demand", Zones);
        app.MapPost("/api/cycles/analyze", Cycles);
    }

    private static async Task<IResult> HexagonChart(HttpRequest http, EngineAccess engine, AnalysisHistory history)
    {
        var (request, problem) = await AnalysisRequest.ReadAsync(http, engine, history, 365).ConfigureAwait(false);
        if (problem is not null)
        {
            return problem;
        }

        var mode = request!.Body.String("viewMode", out var error) ?? "live";
        var (basePrice, p1) = request.Price("basePrice");
        var (ath, p2) = request.Price("athPrice");
        var (atl, p3) = request.Price("atlPrice");
        var (rings, p4) = request.Whole("rings", 1, 6);
        if (error is not null)
        {
            return Problems.BadRequest(error);
        }

        if ((p1 ?? p2 ?? p3 ?? p4) is { } bad)
        {
            return bad;
        }

        var (high, low) = Pivots.Extremes(request.Bars, request.Bars.Count);
        double? centre = mode switch
        {
            "live" => basePrice ?? request.LastClose,
            "ath" => ath ?? high.Price,
            "atl" => atl ?? low.Price,
            _ => null,
        };
        if (centre is not { } value)
        {
            return Problems.BadRequest("viewMode must be 'live', 'ath' or 'atl'");
        }

        if (value < 1)
        {
            return Problems.BadRequest("the hexagon chart starts at 1: the base price must be at least 1");
        }

        var price = request.LastClose;
        var levels = new List<object>();
        var prices = new List<double>();
        for (var degrees = -360 * (rings ?? 2); degrees <= 360 * (rings ?? 2); degrees += 60)
        {
            var level = Hexagon.At(value, degrees);
            if (degrees == 0 || double.IsNaN(level))
            {
                continue;
            }

            prices.Add(level);
            levels.Add(new { angle = degrees, spoke = ((degrees % 360) + 360) % 360, price = R(level), type = level < price ? "support" : "resistance", cardinal = degrees % 180 == 0, ring = Math.Floor(Hexagon.Ring(level)) });
        }

        var (support, resistance) = NearestLevels.Around(prices, price);
        return Results.Json(new
        {
            symbol = request.Symbol,
            timestamp = Timestamps.Now(),
            viewMode = mode,
            basePrice = R(value),
            currentPrice = R(price),
            ring = Math.Round(Hexagon.Ring(value), 6),
            angleOnRing = Math.Round(Hexagon.AngleOnRing(value), 4),
            levels,
            nearestSupport = R(support),
            nearestResistance = R(resistance),
            formula = "v(n) = 3n(n-1)+1, n(v) = (3+sqrt(12v-3))/6, level(v, θ) = v(n(v)+θ/360); 60° spokes",
            defaults = "viewMode live (base = last close), ath/atl = the lookback's (365 days) high/low unless athPrice/atlPrice given, rings 2",
        });
    }

    private static async Task<IResult> Vibration(HttpRequest http, EngineAccess engine, AnalysisHistory history)
    {
        var (request, problem) = await AnalysisRequest.ReadAsync(http, engine, history, 30).ConfigureAwait(false);
        if (problem is not null)
        {
            return problem;
        }

        var (basePrice, p1) = request!.Price("basePrice");
        var (rings, p2) = request.Whole("rings", 1, 6);
        if ((p1 ?? p2) is { } bad)
        {
            return bad;
        }

        var value = basePrice ?? request.LastClose;
        var (above, below) = VibrationMatrix.Squares(value, 12);
        return Results.Json(new
        {
            symbol = request.Symbol,
            timestamp = Timestamps.Now(),
            basePrice = R(value),
            angles = VibrationMatrix.AnglesDegrees,
            matrix = VibrationMatrix.Matrix(value, rings ?? 3).Select(r => new { ring = r.Ring, levels = r.Levels.Select((p, i) => new { angle = VibrationMatrix.AnglesDegrees[i], price = R(p) }).ToList() }).ToList(),
            squares = new { above = above.Select(R).ToList(), below = below.Select(R).ToList() },
            vibrationNumber = VibrationMatrix.VibrationNumber(value),
            defaults = "basePrice = last close, rings 3 (each ring a 360° turn: ±2 in sqrt(price)), 12 price squares each way",
        });
    }

    private static async Task<IResult> Zones(HttpRequest http, EngineAccess engine, AnalysisHistory history)
    {
        var (request, problem) = await AnalysisRequest.ReadAsync(http, engine, history, 100).ConfigureAwait(false);
        if (problem is not null)
        {
            return problem;
        }

        var (strength, bad) = request!.Whole("swingStrength", 1, 20);
        if (bad is not null)
        {
            return bad;
        }

        var bars = request.Bars;
        var price = request.LastClose;
        var centre = Pivots.NearerExtreme(bars, bars.Count, price).Price;
        var zones = SupplyDemand.Find(bars, strength ?? 3, centre);
        object View(SupplyDemand.Zone z) => new
        {
            top = R(z.Top),
            bottom = R(z.Bottom),
            time = Timestamps.Iso(z.Pivot.TimeMs),
            touches = z.Touches,
            broken = z.Broken,
            strength = Math.Round(Math.Min(1, (z.Broken ? 0.2 : 0.5) + (0.1 * z.Touches)), 4),
            sq9Level = R(z.NearestSquareOfNine),
        };
        var supply = zones.Where(z => z.Supply).OrderByDescending(z => z.Pivot.Bar).ToList();
        var demand = zones.Where(z => !z.Supply).OrderByDescending(z => z.Pivot.Bar).ToList();
        return Results.Json(new
        {
            symbol = request.Symbol,
            timeframe = request.Timeframe,
            timestamp = Timestamps.Now(),
            currentPrice = R(price),
            supplyZones = supply.Select(View).ToList(),
            demandZones = demand.Select(View).ToList(),
            nearestSupply = supply.Where(z => !z.Broken && z.Bottom >= price).MinBy(z => z.Bottom) is { } s ? View(s) : null,
            nearestDemand = demand.Where(z => !z.Broken && z.Top <= price).MaxBy(z => z.Top) is { } d ? View(d) : null,
            defaults = "lookbackDays 100, timeframe 1d, swingStrength 3 bars each side; a zone spans half the mean true range from its pivot",
        });
    }

    private static async Task<IResult> Cycles(HttpRequest http, EngineAccess engine, AnalysisHistory history)
    {
        var (request, problem) = await AnalysisRequest.ReadAsync(http, engine, history, 200).ConfigureAwait(false);
        if (problem is not null)
        {
            return problem;
        }

        var (tolerance, p1) = request!.Whole("toleranceDays", 0, 30);
        var (horizon, p2) = request.Whole("horizonDays", 1, 3650);
        if ((p1 ?? p2) is { } bad)
        {
            return bad;
        }

        var now = DateTimeOffset.FromUnixTimeMilliseconds(request.Bars[^1].OpenTimeMs);
        var pivots = TimeCycles.DefaultPivots(request.Bars);
        var projections = TimeCycles.Project(pivots, TimeCycles.DefaultCycles, now).Where(p => p.Date <= now.AddDays(horizon ?? 400)).ToList();
        var zones = TimeCycles.Confluence(projections, tolerance ?? 5);
        object ProjectionView(TimeCycles.Projection p) => new { date = Timestamps.Iso(p.Date)[..10], cycleDays = p.CycleDays, pivot = PivotView(p.Pivot) };
        return Results.Json(new
        {
            symbol = request.Symbol,
            timestamp = Timestamps.Now(),
            lastBar = Timestamps.Iso(now),
            cycles = TimeCycles.DefaultCycles,
            pivots = pivots.Select(PivotView).ToList(),
            projections = projections.Select(ProjectionView).ToList(),
            confluenceZones = zones.Select(z => new
            {
                date = Timestamps.Iso(z.Date)[..10],
                from = Timestamps.Iso(z.From)[..10],
                to = Timestamps.Iso(z.To)[..10],
                strength = z.Strength,
                contributingCycles = z.Projections.Select(ProjectionView).ToList(),
            }).ToList(),
            defaults = "lookbackDays 200, cycles 90/120/144/180/270/360 days from the lookback's extremes and swing pivots (5 bars each side), toleranceDays 5, horizonDays 400",
        });
    }
}
