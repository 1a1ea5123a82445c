using System.Globalization;
using System.Net;
using System.Text.Json;
using LowLatency.Analytics.Indicators;
using LowLatency.Bridge.Tests.Support;

namespace LowLatency.Bridge.Tests.Api;

/// <summary>
/// Ehlers, Astro and Gann analyses through a real bridge process and HttpClient: the contract's shapes, figures
/// that agree with the library (and with the references the library is tested against), and validation.
/// </summary>
[NonParallelizable]
public sealed class AdvancedAnalyticsTests : StandaloneBridgeFixture
{
    [Test]
    public async Task Ehlers_history_is_the_streaming_indicators_replayed_over_the_candles()
    {
        var (status, body) = await Post("/api/ehlers/analyze", """{"symbol":"BTC-USD"}""");
        Assert.That(status, Is.EqualTo(HttpStatusCode.OK), body.ToString());
        var history = body.GetProperty("history");
        Assert.That(history.GetArrayLength(), Is.InRange(100, 101), "lookbackDays 100 of daily bars");
        var current = body.GetProperty("current");
        Assert.That(current.GetProperty("mama").ValueKind, Is.EqualTo(JsonValueKind.Number));
        Assert.That(current.GetProperty("fama").ValueKind, Is.EqualTo(JsonValueKind.Number));
        Assert.That(current.GetProperty("cycle").ValueKind, Is.AnyOf(JsonValueKind.Number, JsonValueKind.Null));
        foreach (var name in new[] { "superSmoother", "roofing", "cyberCycle", "itrend", "fisher", "decycler", "evenBetterSinewave", "htDcperiod", "htDcphase", "htSine", "htLeadsine", "htTrendmode", "mama", "fama" })
        {
            Assert.That(current.GetProperty("indicators").TryGetProperty(name, out _), Is.True, name);
        }

        var signals = body.GetProperty("signals");
        Assert.That(signals.GetProperty("mode").GetString(), Is.AnyOf("trend", "cycle"));
        Assert.That(signals.GetProperty("mamaFamaCross").GetProperty("direction").GetString(), Is.AnyOf("bullish", "bearish", null));

        // The same candles through the market-data route, replayed by the library: the same numbers.
        var warmup = body.GetProperty("warmupBars").GetInt32();
        var firstTime = DateTimeOffset.Parse(history[0].GetProperty("time").GetString()!, CultureInfo.InvariantCulture);
        var (_, candles) = await Post("/api/market-data/BTC-USD", $$"""{"timeframe":"1d","startDate":"{{firstTime.AddDays(-warmup):yyyy-MM-dd}}","endDate":"{{DateTimeOffset.UtcNow.AddDays(1):yyyy-MM-dd}}"}""");
        var set = new IndicatorSet(hl2: true);
        var values = new double[IndicatorSet.Columns.Count];
        var mama = new Dictionary<string, double>();
        foreach (var c in candles.EnumerateArray())
        {
            set.Update(c.GetProperty("high").GetDouble(), c.GetProperty("low").GetDouble(), c.GetProperty("close").GetDouble(), values);
            mama[c.GetProperty("time").GetString()!] = values[IndicatorSet.IndexOf("mama")];
        }

        foreach (var row in history.EnumerateArray())
        {
            Assert.That(row.GetProperty("mama").GetDouble(), Is.EqualTo(mama[row.GetProperty("time").GetString()!]).Within(1e-8), row.GetProperty("time").GetString());
            Assert.That(row.GetProperty("price").GetDouble(), Is.GreaterThan(0));
        }
    }

    [TestCase("/api/ehlers/analyze", """{"symbol":"NOPE"}""", HttpStatusCode.NotFound)]
    [TestCase("/api/ehlers/analyze", """{"symbol":"BTC-USD","lookbackDays":0}""", HttpStatusCode.BadRequest)]
    [TestCase("/api/ehlers/analyze", """{"symbol":"BTC-USD","lookbackDays":99999}""", HttpStatusCode.BadRequest)]
    [TestCase("/api/ehlers/analyze", """{"symbol":"BTC-USD","lookbackDays":"many"}""", HttpStatusCode.BadRequest)]
    [TestCase("/api/ehlers/analyze", """{"symbol":"BTC-USD","timeframe":"7x"}""", HttpStatusCode.BadRequest)]
    [TestCase("/api/ehlers/analyze", """{"lookbackDays":10}""", HttpStatusCode.BadRequest)]
    [TestCase("/api/ehlers/analyze", """{"symbol":"BTC-USD",""", HttpStatusCode.BadRequest)]
    [TestCase("/api/astro/analyze", """{"symbol":"NOPE"}""", HttpStatusCode.NotFound)]
    [TestCase("/api/astro/analyze", """{"symbol":"BTC-USD","date":"1850-01-01"}""", HttpStatusCode.BadRequest)]
    [TestCase("/api/astro/analyze", """{"symbol":"BTC-USD","date":"someday"}""", HttpStatusCode.BadRequest)]
    [TestCase("/api/astro/analyze", """{"symbol":"BTC-USD","from":"2024-01-01"}""", HttpStatusCode.BadRequest)]
    [TestCase("/api/astro/analyze", """{"symbol":"BTC-USD","from":"2024-02-01","to":"2024-01-01"}""", HttpStatusCode.BadRequest)]
    [TestCase("/api/astro/analyze", """[1,2]""", HttpStatusCode.BadRequest)]
    [TestCase("/api/gann/full-analysis", """{"symbol":"NOPE"}""", HttpStatusCode.NotFound)]
    [TestCase("/api/gann/full-analysis", """{"symbol":"BTC-USD","lookbackDays":1}""", HttpStatusCode.BadRequest)]
    [TestCase("/api/gann/full-analysis", """{"symbol":"BTC-USD","levels":11}""", HttpStatusCode.BadRequest)]
    [TestCase("/api/gann/hexagon", """{"basePrice":-5}""", HttpStatusCode.BadRequest)]
    [TestCase("/api/gann/hexagon", """{"viewMode":"sideways"}""", HttpStatusCode.BadRequest)]
    [TestCase("/api/gann/box", """{"periodHigh":100,"periodLow":200}""", HttpStatusCode.BadRequest)]
    [TestCase("/api/gann/angles", """{"barsAhead":0}""", HttpStatusCode.BadRequest)]
    [TestCase("/api/gann/vibration-matrix", """{"basePrice":"x"}""", HttpStatusCode.BadRequest)]
    [TestCase("/api/gann/supply-demand", """{"symbol":"NOPE"}""", HttpStatusCode.NotFound)]
    [TestCase("/api/cycles/analyze", """{"lookbackDays":-3}""", HttpStatusCode.BadRequest)]
    public async Task Bad_requests_are_problems(string path, string body, HttpStatusCode expected)
    {
        var (status, problem) = await Post(path, body);
        Assert.That(status, Is.EqualTo(expected), problem.ToString());
        Assert.That(problem.GetProperty("error").GetString(), Is.Not.Empty);
    }

    [Test]
    public async Task Out_of_range_dates_name_the_range()
    {
        var (_, problem) = await Post("/api/astro/analyze", """{"symbol":"BTC-USD","date":"2150-01-01"}""");
        Assert.That(problem.GetProperty("error").GetString(), Does.Contain("1900-01-01").And.Contain("2100-12-31"));
    }

    [Test]
    public async Task Astro_positions_at_an_instant_match_the_reference()
    {
        var (status, body) = await Post("/api/astro/analyze", """{"symbol":"XAUUSD","date":"1950-01-01T00:00:00Z"}""");
        Assert.That(status, Is.EqualTo(HttpStatusCode.OK), body.ToString());
        Assert.That(body.GetProperty("timestamp").GetString(), Is.EqualTo("1950-01-01T00:00:00.000Z"));
        var positions = body.GetProperty("planetaryPositions");
        Assert.That(positions.EnumerateObject().Select(p => p.Name), Is.EqualTo(new[] { "sun", "moon", "mercury", "venus", "mars", "jupiter", "saturn", "uranus", "neptune", "pluto" }));

        // astro.csv, 1950-01-01: Sun 280.00469°, Moon 61.41539°, Saturn 169.43695° (retrograde, −0.00334°/day).
        Assert.That(positions.GetProperty("sun").GetProperty("longitude").GetDouble(), Is.EqualTo(280.00468734).Within(0.003));
        Assert.That(positions.GetProperty("sun").GetProperty("sign").GetString(), Is.EqualTo("Capricorn"));
        Assert.That(positions.GetProperty("sun").GetProperty("degree").GetDouble(), Is.EqualTo(10.0047).Within(0.003));
        Assert.That(positions.GetProperty("moon").GetProperty("longitude").GetDouble(), Is.EqualTo(61.41538904).Within(0.01));
        Assert.That(positions.GetProperty("saturn").GetProperty("longitude").GetDouble(), Is.EqualTo(169.43695261).Within(0.003));
        Assert.That(positions.GetProperty("saturn").GetProperty("retrograde").GetBoolean(), Is.True);
        Assert.That(body.GetProperty("retrogrades").GetProperty("saturn").GetBoolean(), Is.True);
        Assert.That(body.GetProperty("retrogrades").GetProperty("mercury").GetBoolean(), Is.False);

        var phase = body.GetProperty("lunarPhase");
        Assert.That(phase.GetProperty("illumination").GetDouble(), Is.EqualTo(0.8905).Within(1e-3));
        Assert.That(phase.GetProperty("phase").GetString(), Is.EqualTo("Waxing Gibbous"));
        Assert.That(phase.GetProperty("daysToFullMoon").GetDouble(), Is.InRange(0, 29.9));
        foreach (var aspect in body.GetProperty("aspects").EnumerateArray())
        {
            Assert.That(aspect.GetProperty("state").GetString(), Is.AnyOf("applying", "separating"));
            Assert.That(aspect.GetProperty("influence").GetString(), Is.AnyOf("bullish", "bearish", "volatile", "neutral"));
            Assert.That(aspect.GetProperty("orb").GetDouble(), Is.LessThanOrEqualTo(8));
        }

        Assert.That(body.GetProperty("events").GetArrayLength(), Is.GreaterThan(0), "the next 30 days have lunations");
    }

    [Test]
    public async Task The_range_mode_lists_the_events_between_two_dates()
    {
        var (status, body) = await Post("/api/astro/analyze", """{"symbol":"BTC","from":"2024-01-01","to":"2024-02-01"}""");
        Assert.That(status, Is.EqualTo(HttpStatusCode.OK), body.ToString());
        var events = body.GetProperty("events").EnumerateArray().ToList();
        var newMoon = events.Single(e => e.GetProperty("type").GetString() == "new_moon");
        var at = DateTimeOffset.Parse(newMoon.GetProperty("time").GetString()!, CultureInfo.InvariantCulture);
        Assert.That((at - DateTimeOffset.Parse("2024-01-11T11:57:56Z", CultureInfo.InvariantCulture)).Duration(), Is.LessThan(TimeSpan.FromMinutes(2)), "astro_events.csv");
        Assert.That(events.Any(e => e.GetProperty("type").GetString() == "full_moon"), Is.True);
        Assert.That(events.Any(e => e.GetProperty("type").GetString() == "ingress" && e.GetProperty("body").GetString() == "sun" && e.GetProperty("sign").GetString() == "Aquarius"), Is.True);
        Assert.That(events.Select(e => e.GetProperty("time").GetString()), Is.Ordered);
        Assert.That(body.GetProperty("summary").GetProperty("totalEvents").GetInt32(), Is.EqualTo(events.Count));
    }

    [Test]
    public async Task Gann_full_analysis_brackets_the_price_with_square_of_nine_levels()
    {
        var (status, body) = await Post("/api/gann/full-analysis", """{"symbol":"ETH-USD"}""");
        Assert.That(status, Is.EqualTo(HttpStatusCode.OK), body.ToString());
        var price = body.GetProperty("currentPrice").GetDouble();
        var support = body.GetProperty("sq9Levels").GetProperty("support").EnumerateArray().Select(e => e.GetDouble()).ToList();
        var resistance = body.GetProperty("sq9Levels").GetProperty("resistance").EnumerateArray().Select(e => e.GetDouble()).ToList();
        Assert.That(support, Is.All.LessThan(price));
        Assert.That(resistance, Is.All.GreaterThan(price));
        var analysis = body.GetProperty("analysis");
        Assert.That(analysis.GetProperty("nearestSupport").GetDouble(), Is.EqualTo(support.Max()), "the highest level below the price");
        Assert.That(analysis.GetProperty("nearestResistance").GetDouble(), Is.EqualTo(resistance.Min()), "the lowest above");
        Assert.That(analysis.GetProperty("trend").GetString(), Is.AnyOf("Bullish", "Bearish", "Neutral"));
        Assert.That(analysis.GetProperty("strength").GetDouble(), Is.InRange(0, 1));

        // Every level is (√centre ± k/4)² from the reported centre.
        var centre = body.GetProperty("sq9Levels").GetProperty("centre").GetProperty("price").GetDouble();
        foreach (var level in body.GetProperty("sq9Levels").GetProperty("levels").EnumerateArray())
        {
            var k = level.GetProperty("angle").GetInt32() / 45.0 / 4;
            var p = level.GetProperty("price").GetDouble();
            var expected = p > centre ? Math.Pow(Math.Sqrt(centre) + k, 2) : Math.Pow(Math.Sqrt(centre) - k, 2);
            Assert.That(p, Is.EqualTo(expected).Within(1e-6 * expected));
            Assert.That(level.GetProperty("type").GetString(), Is.AnyOf("support", "resistance", "major", "minor"));
        }

        Assert.That(body.GetProperty("gannAngles").GetArrayLength(), Is.EqualTo(9));
        Assert.That(body.GetProperty("angleConvention").GetString(), Does.Contain("1x2"));
    }

    [Test]
    public async Task Gann_tools_compute_their_published_formulas()
    {
        var (status, hexagon) = await Post("/api/gann/hexagon", """{"symbol":"BTC-USD","basePrice":37,"rings":1}""");
        Assert.That(status, Is.EqualTo(HttpStatusCode.OK), hexagon.ToString());
        var hexLevels = hexagon.GetProperty("levels").EnumerateArray().ToDictionary(l => l.GetProperty("angle").GetInt32(), l => l.GetProperty("price").GetDouble());
        Assert.That(hexLevels[360], Is.EqualTo(61).Within(1e-9));
        Assert.That(hexLevels[180], Is.EqualTo(48.25).Within(1e-9));
        Assert.That(hexLevels[-360], Is.EqualTo(19).Within(1e-9));

        var (_, matrix) = await Post("/api/gann/vibration-matrix", """{"symbol":"BTC-USD","basePrice":100,"rings":1}""");
        var ring0 = matrix.GetProperty("matrix").EnumerateArray().Single(r => r.GetProperty("ring").GetInt32() == 0);
        Assert.That(ring0.GetProperty("levels")[1].GetProperty("price").GetDouble(), Is.EqualTo(105.0625));
        Assert.That(matrix.GetProperty("vibrationNumber").GetInt32(), Is.EqualTo(1));

        var (_, box) = await Post("/api/gann/box", """{"symbol":"BTC-USD","periodHigh":200,"periodLow":100,"basePrice":160}""");
        var half = box.GetProperty("priceLevels").EnumerateArray().Single(l => l.GetProperty("division").GetString() == "4/8");
        Assert.That(half.GetProperty("price").GetDouble(), Is.EqualTo(150));
        Assert.That(box.GetProperty("position").GetDouble(), Is.EqualTo(0.6).Within(1e-9));
        Assert.That(box.GetProperty("nearestSupport").GetDouble(), Is.EqualTo(150));

        var (_, angles) = await Post("/api/gann/angles", """{"symbol":"BTC-USD","pivotLow":100,"pricePerBar":2,"barsAhead":10}""");
        var line = angles.GetProperty("fromLow").EnumerateArray().Single(a => a.GetProperty("name").GetString() == "1x2");
        var pivotBar = angles.GetProperty("pivots").GetProperty("low").GetProperty("bar").GetInt32();
        var first = line.GetProperty("projection")[0];
        var last = line.GetProperty("projection").EnumerateArray().Last();
        Assert.That(last.GetProperty("price").GetDouble() - first.GetProperty("price").GetDouble(), Is.EqualTo(2 * 2 * 10).Within(1e-9), "1x2: two units of the scale per bar");
        Assert.That(line.GetProperty("priceNow").GetDouble(), Is.EqualTo(first.GetProperty("price").GetDouble()));
        Assert.That(pivotBar, Is.GreaterThanOrEqualTo(0));
        Assert.That(angles.GetProperty("convention").GetString(), Does.Contain("time x price"));

        var (zonesStatus, zones) = await Post("/api/gann/supply-demand", """{"symbol":"BTC-USD"}""");
        Assert.That(zonesStatus, Is.EqualTo(HttpStatusCode.OK), zones.ToString());
        foreach (var zone in zones.GetProperty("supplyZones").EnumerateArray().Concat(zones.GetProperty("demandZones").EnumerateArray()))
        {
            Assert.That(zone.GetProperty("top").GetDouble(), Is.GreaterThan(zone.GetProperty("bottom").GetDouble()));
        }

        var (cyclesStatus, cycles) = await Post("/api/cycles/analyze", """{"symbol":"BTC-USD"}""");
        Assert.That(cyclesStatus, Is.EqualTo(HttpStatusCode.OK), cycles.ToString());
        var strengths = cycles.GetProperty("confluenceZones").EnumerateArray().Select(z => z.GetProperty("strength").GetInt32()).ToList();
        Assert.That(strengths, Is.All.GreaterThanOrEqualTo(2));
        Assert.That(strengths, Is.Ordered.Descending);
        Assert.That(cycles.GetProperty("projections").GetArrayLength(), Is.GreaterThan(0));
    }

    [Test]
    public async Task Without_history_or_a_live_feed_candles_are_synthetic_labelled_and_the_same_on_every_request()
    {
        var (_, later) = await Post("/api/market-data/GBPUSD", """{"timeframe":"1d","startDate":"2024-01-10","endDate":"2024-01-31"}""");
        using var response = await Http.PostAsync("/api/market-data/GBPUSD", new StringContent("""{"timeframe":"1d","startDate":"2024-01-01","endDate":"2024-01-31"}""", System.Text.Encoding.UTF8, "application/json"));
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        var bars = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.EnumerateArray().ToList();
        Assert.That(bars, Has.Count.EqualTo(30));
        Assert.That(bars[0].GetProperty("date").GetString(), Is.EqualTo("2024-01-01"));
        Assert.That(bars.Select(b => b.GetProperty("source").GetString()), Is.All.EqualTo("synthetic"), "every made-up bar says so");
        Assert.That(response.Headers.GetValues("X-Data-Source").Single(), Is.EqualTo("synthetic"));
        Assert.That(response.Headers.GetValues("X-Data-Bars").Single(), Is.EqualTo("30"));
        Assert.That(bars.Skip(9).Select(b => b.GetProperty("close").GetDouble()), Is.EqualTo(later.EnumerateArray().Select(b => b.GetProperty("close").GetDouble())),
            "the bars an earlier request was given are kept: overlapping requests agree, and nothing is rescaled to meet anything");
    }
}
