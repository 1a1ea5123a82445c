using LowLatency.Analytics.Astro;

namespace LowLatency.Bridge.Api;

/// <summary>
/// Contract 2.18, <c>POST /api/astro/analyze</c>: positions, aspects, lunar phase, retrogrades and upcoming
/// events at an instant (<c>date</c>, default now), or with <c>from</c>/<c>to</c> the events between two dates.
/// Thin: parse, call the ephemeris, shape.
/// </summary>
public static class AstroEndpoints
{
    private const int MaxDaysAhead = 366;

    public static void MapAstro(this IEndpointRouteBuilder app) => app.MapPost("/api/astro/analyze", Analyze);

    private static async Task<IResult> Analyze(HttpRequest request, EngineAccess engine, AspectTable aspects)
    {
        var (body, problem) = await RequestBody.ReadAsync(request).ConfigureAwait(false);
        if (problem is not null)
        {
            return problem;
        }

        var symbol = body!.String("symbol", out var error) ?? "BTC-USD";
        var date = error is null ? body.Date("date", out error) : null;
        var from = error is null ? body.Date("from", out error) : null;
        var to = error is null ? body.Date("to", out error) : null;
        var ahead = error is null ? body.Number("daysAhead", out error) : null;
        if (error is not null)
        {
            return Problems.BadRequest(error);
        }

        if (!engine.TryResolve(symbol, out _))
        {
            return EngineAccess.UnknownSymbol(symbol);
        }

        if ((from is null) != (to is null))
        {
            return Problems.BadRequest("the range mode needs both 'from' and 'to'");
        }

        if (from is not null)
        {
            return Range(symbol, from.Value, to!.Value);
        }

        var instant = date ?? DateTimeOffset.UtcNow;
        if (!AstroTime.IsSupported(instant))
        {
            return Problems.BadRequest($"'date' {Timestamps.Iso(instant)} is outside the supported range {AstroTime.RangeText}");
        }

        if (ahead is { } days && (days < 0 || days > MaxDaysAhead || days != decimal.Truncate(days)))
        {
            return Problems.BadRequest($"daysAhead must be a whole number from 0 to {MaxDaysAhead}");
        }

        var daysAhead = (int)(ahead ?? 30);
        if (instant.AddDays(daysAhead) > AstroTime.SupportedTo)
        {
            daysAhead = 0;
        }

        return Results.Json(Shape(symbol, AstroAnalysis.At(instant, aspects, daysAhead)));
    }

    private static IResult Range(string symbol, DateTimeOffset from, DateTimeOffset to)
    {
        if (!AstroTime.IsSupported(from) || !AstroTime.IsSupported(to))
        {
            return Problems.BadRequest($"'from' and 'to' must lie in the supported range {AstroTime.RangeText}");
        }

        if (to <= from || (to - from).TotalDays > AstroEvents.MaxRangeDays)
        {
            return Problems.BadRequest($"'to' must be after 'from', at most {AstroEvents.MaxRangeDays} days later");
        }

        var events = AstroEvents.Between(from, to);
        return Results.Json(new
        {
            symbol,
            timestamp = Timestamps.Iso(from),
            from = Timestamps.Iso(from),
            to = Timestamps.Iso(to),
            events = events.Select(Event).ToList(),
            summary = Summary(events),
        });
    }

    private static object Shape(string symbol, AstroAnalysis a) => new
    {
        symbol,
        timestamp = Timestamps.Iso(a.Instant),
        planetaryPositions = a.Positions.ToDictionary(p => p.Body.Name(), p => new
        {
            sign = Zodiac.Sign(p.Longitude),
            degree = Math.Round(Zodiac.DegreeInSign(p.Longitude), 6),
            longitude = Math.Round(p.Longitude, 6),
            latitude = Math.Round(p.Latitude, 6),
            distanceAu = Math.Round(p.DistanceAu, 9),
            speed = Math.Round(a.DailyMotion[(int)p.Body], 6),
            retrograde = a.IsRetrograde(p.Body),
        }),
        aspects = a.Aspects.Select(x => new
        {
            aspect = $"{x.First}-{x.Second} {x.Definition.Name}",
            planets = new[] { x.First.Name(), x.Second.Name() },
            type = x.Definition.Name.ToLowerInvariant(),
            angle = x.Definition.Angle,
            separation = Math.Round(x.Separation, 4),
            orb = Math.Round(x.Orb, 4),
            applying = x.Applying,
            state = x.Applying ? "applying" : "separating",
            major = x.Definition.Major,
            strength = x.Definition.Strength,
            influence = x.Definition.Influence,
        }).ToList(),
        lunarPhase = new
        {
            phase = a.LunarPhase.Name,
            illumination = Math.Round(a.LunarPhase.Illumination, 6),
            elongation = Math.Round(a.LunarPhase.Elongation, 6),
            phaseAngle = Math.Round(a.LunarPhase.PhaseAngle, 6),
            daysToFullMoon = Math.Round(a.LunarPhase.DaysToFullMoon, 4),
            nextFullMoon = Timestamps.Iso(a.LunarPhase.NextFullMoon),
        },
        retrogrades = BodyNames.Planets.ToDictionary(b => b.Name(), a.IsRetrograde),
        events = a.Upcoming.Select(Event).ToList(),
        summary = Summary(a.Upcoming),
        daysAhead = a.EventsAhead,
        ephemeris = Ephemeris.Theories,
    };

    private static object Event(AstroEvent e) => new
    {
        time = Timestamps.Iso(e.Utc),
        type = e.Type,
        body = e.Body.Name(),
        longitude = Math.Round(e.Longitude, 6),
        sign = e.Sign,
        description = e.Description,
    };

    private static object Summary(IReadOnlyList<AstroEvent> events) => new
    {
        totalEvents = events.Count,
        upcomingEvents = events.Take(10).Select(e => $"{Timestamps.Iso(e.Utc)[..16]}Z {e.Description}").ToList(),
    };
}
