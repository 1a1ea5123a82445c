using System.Diagnostics;
using System.Globalization;
using LowLatency.Analytics.Astro;
using LowLatency.Analytics.Indicators;

namespace LowLatency.Benchmarks.Harness;

/// <summary>
/// Batch analytics throughput: every indicator column of <see cref="IndicatorSet"/> over 1 M bars (what
/// <c>./run.sh indicators</c> computes, without the file I/O) and apparent positions of all ten bodies at dates
/// spread over 1900–2100 (what <c>./run.sh astro</c> computes per date, on one thread), by the ephemeris and, in the
/// same rounds interleaved, by the same code on VSOP87 cut to the size of the truncated tables it used before, for
/// the ratio the full series cost; and a daily table's rows with the range cache beside the same rows computed
/// afresh (<see cref="EphemerisRange"/>'s ratio). Each is run over rounds; the report gives the median and range, and the gen0
/// collections of the indicator run (must be 0).
/// </summary>
internal static class AnalyticsRun
{
    public static void Run(TextWriter output, int rounds, int bars, int dates)
    {
        var (highs, lows, closes) = Bars(bars);
        var values = new double[IndicatorSet.Columns.Count];
        Indicators(highs, lows, closes, values, 10_000); // warm-up: JIT, tier-up
        var indicatorRates = new List<double>();
        var gen0 = 0;
        for (var r = 0; r < rounds; r++)
        {
            var before = GC.CollectionCount(0);
            var watch = Stopwatch.StartNew();
            Indicators(highs, lows, closes, values, bars);
            indicatorRates.Add(bars / watch.Elapsed.TotalSeconds);
            gen0 += GC.CollectionCount(0) - before;
        }

        var instants = Dates(dates);
        var ephemeris = Ephemeris.Shared;
        var truncated = Ephemeris.Truncated(1e-5);
        Positions(ephemeris, instants, 200);
        Positions(truncated, instants, 200);
        var (astroRates, truncatedRates, ratios) = (new List<double>(), new List<double>(), new List<double>());
        for (var r = 0; r < rounds; r++)
        {
            var watch = Stopwatch.StartNew();
            Positions(ephemeris, instants, instants.Length);
            var full = instants.Length / watch.Elapsed.TotalSeconds;
            watch.Restart();
            Positions(truncated, instants, instants.Length);
            var cut = instants.Length / watch.Elapsed.TotalSeconds;
            (astroRates, truncatedRates, ratios) = ([.. astroRates, full], [.. truncatedRates, cut], [.. ratios, cut / full]);
        }

        // A daily table (what ./run.sh astro writes per date: positions, daily motions, the Moon's phase), with the
        // range cache and with each date's three instants computed afresh, interleaved.
        var days = Math.Max(10, dates / 4);
        Table(ephemeris, days / 10, cached: true);
        Table(ephemeris, days / 10, cached: false);
        var (cachedRates, freshRates, tableRatios) = (new List<double>(), new List<double>(), new List<double>());
        for (var r = 0; r < rounds; r++)
        {
            var watch = Stopwatch.StartNew();
            Table(ephemeris, days, cached: true);
            var withCache = days / watch.Elapsed.TotalSeconds;
            watch.Restart();
            Table(ephemeris, days, cached: false);
            var fresh = days / watch.Elapsed.TotalSeconds;
            (cachedRates, freshRates, tableRatios) = ([.. cachedRates, withCache], [.. freshRates, fresh], [.. tableRatios, withCache / fresh]);
        }

        output.WriteLine(Line($"indicators, {IndicatorSet.Columns.Count} columns over {bars:N0} bars", indicatorRates, "bars/s") + $"  gen0 {gen0}");
        output.WriteLine(Line($"astro, 10 bodies at {dates:N0} dates 1900-2100, one thread ({ephemeris.PlanetaryTerms:N0} VSOP87 terms, ELP/MPP02)", astroRates, "dates/s"));
        output.WriteLine(Line($"astro truncated, the same with VSOP87 cut at 1e-5 ({truncated.PlanetaryTerms:N0} terms, the former tables' size)", truncatedRates, "dates/s"));
        ratios.Sort();
        output.WriteLine(Ratio("astro_truncated_vs_full_dates_per_s", ratios));
        output.WriteLine(Line($"astro table, {days:N0} daily rows (positions, daily motions, phase) with the range cache", cachedRates, "rows/s"));
        output.WriteLine(Line($"astro table, the same rows each computing its three instants afresh", freshRates, "rows/s"));
        output.WriteLine(Ratio("astro_table_cached_vs_fresh_rows_per_s", tableRatios));
    }

    private static string Ratio(string name, List<double> ratios)
    {
        ratios.Sort();
        return string.Create(CultureInfo.InvariantCulture, $"ratio {name} {ratios[ratios.Count / 2]:F2} (range {ratios[0]:F2} – {ratios[^1]:F2}, interleaved)");
    }

    private static double Table(Ephemeris ephemeris, int days, bool cached)
    {
        var range = new EphemerisRange(ephemeris);
        var first = AstroTime.JulianDay(new DateTimeOffset(2000, 1, 1, 0, 0, 0, TimeSpan.Zero));
        var sum = 0.0;
        for (var d = 0; d < days; d++)
        {
            var jd = first + d;
            var (snapshot, motions) = cached ? (range.At(jd), range.DailyMotions(jd)) : (ephemeris.Snapshot(jd), ephemeris.DailyMotions(jd));
            sum += snapshot[Body.Mars].Longitude + motions[(int)Body.Mars] + LunarPhase.Of(snapshot).Elongation;
        }

        return sum;
    }

    private static string Line(string label, List<double> rates, string unit)
    {
        rates.Sort();
        var median = rates[rates.Count / 2];
        return string.Create(CultureInfo.InvariantCulture, $"analytics {label}: {median:N0} {unit} median (range {rates[0]:N0} – {rates[^1]:N0}, {rates.Count} rounds)");
    }

    private static void Indicators(double[] highs, double[] lows, double[] closes, double[] values, int count)
    {
        var set = new IndicatorSet();
        for (var i = 0; i < count; i++)
        {
            set.Update(highs[i], lows[i], closes[i], values);
        }
    }

    private static double Positions(Ephemeris ephemeris, DateTimeOffset[] instants, int count)
    {
        var sum = 0.0;
        for (var i = 0; i < count; i++)
        {
            sum += ephemeris.Positions(instants[i])[1].Longitude;
        }

        return sum;
    }

    private static (double[] Highs, double[] Lows, double[] Closes) Bars(int count)
    {
        var random = new Random(7);
        var (highs, lows, closes) = (new double[count], new double[count], new double[count]);
        var price = 100.0;
        for (var i = 0; i < count; i++)
        {
            price = Math.Max(1, price * (1 + ((random.NextDouble() - 0.5) * 0.02)) + Math.Sin(i * Math.PI / 10));
            var range = price * 0.01 * random.NextDouble();
            (highs[i], lows[i], closes[i]) = (price + range, price - range, price + (range * ((2 * random.NextDouble()) - 1)));
        }

        return (highs, lows, closes);
    }

    private static DateTimeOffset[] Dates(int count)
    {
        var span = (AstroTime.SupportedTo - AstroTime.SupportedFrom).Ticks / count;
        return [.. Enumerable.Range(0, count).Select(i => AstroTime.SupportedFrom.AddTicks(span * i))];
    }
}
