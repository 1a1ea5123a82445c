using System.Globalization;
using LowLatency.Analytics.Astro;

namespace LowLatency.Engine.Host.Commands;

/// <summary>
/// <c>astro (--dates FILE | --from DATE --to DATE [--step 1d]) --output OUT.csv</c>: apparent positions for each
/// date in the columns of <c>shared/reference/astro.csv</c> (same names and meaning, <c>date_utc</c> first; that
/// file's <c>check_*</c> columns are its generator's self-checks and are not repeated). Dates are computed in
/// parallel chunks and written in order, with a progress bar.
/// </summary>
public static class AstroCommand
{
    private const int MaxDates = 10_000_000;
    private const int Chunk = 2048;
    private const int DatesPerWorkerRun = 64;

    public static int Run(CommandLine options, TextWriter progress)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(progress);
        var datesFile = options.Value("--dates");
        var fromText = options.Value("--from");
        var toText = options.Value("--to");
        var stepText = options.Value("--step");
        var output = options.Required("--output");
        options.RejectUnknown();
        var dates = datesFile is not null
            ? (fromText ?? toText ?? stepText) is null ? ReadDates(datesFile) : throw new CommandLineException("give either --dates or --from/--to, not both")
            : fromText is not null && toText is not null ? Steps(options.Date("--from"), options.Date("--to"), Step(stepText ?? "1d"))
            : throw new CommandLineException("give --dates FILE, or --from DATE --to DATE [--step 1d]");

        var bar = new ProgressBar(progress);
        var ephemeris = Ephemeris.Shared;
        using var writer = new StreamWriter(output, append: false, new System.Text.UTF8Encoding(false), 1 << 16);
        writer.WriteLine(string.Join(',', Header()));
        var rows = new string[Chunk];
        for (var start = 0; start < dates.Count; start += Chunk)
        {
            var n = Math.Min(Chunk, dates.Count - start);
            // Runs of consecutive dates per worker, each with its own range cache: neighbours share half-day instants.
            Parallel.For(0, (n + DatesPerWorkerRun - 1) / DatesPerWorkerRun, run =>
            {
                var range = new EphemerisRange(ephemeris);
                for (var i = run * DatesPerWorkerRun; i < Math.Min(n, (run + 1) * DatesPerWorkerRun); i++)
                {
                    rows[i] = Row(range, dates[start + i]);
                }
            });
            for (var i = 0; i < n; i++)
            {
                writer.WriteLine(rows[i]);
            }

            bar.Report((double)(start + n) / dates.Count);
        }

        bar.Done();
        progress.WriteLine($"{dates.Count} dates → {output} ({LowLatency.Analytics.Astro.Ephemeris.Theories})");
        return 0;
    }

    /// <summary>The output header: <c>astro.csv</c>'s columns in its order.</summary>
    public static IEnumerable<string> Header()
    {
        yield return "date_utc";
        yield return "jd_ut";
        yield return "deltaT_s";
        foreach (var body in BodyNames.All)
        {
            yield return $"{body.Name()}_lon";
            yield return $"{body.Name()}_lat";
        }

        foreach (var body in BodyNames.Planets)
        {
            yield return $"{body.Name()}_speed_deg_per_day";
            yield return $"{body.Name()}_retro";
        }

        yield return "moon_phase_deg";
        yield return "moon_illum_fraction";
        yield return "moon_sme_phase_angle_deg";
    }

    private static string Row(EphemerisRange range, DateTimeOffset utc)
    {
        var jd = AstroTime.JulianDay(utc);
        var cells = new List<string>(48) { Iso(utc), F(jd, "F6"), F(AstroTime.DeltaTSeconds(jd), "F3") };
        var snapshot = range.At(jd);
        foreach (var p in snapshot.Positions)
        {
            cells.Add(F(p.Longitude));
            cells.Add(F(p.Latitude));
        }

        var motions = range.DailyMotions(jd);
        foreach (var body in BodyNames.Planets)
        {
            var speed = motions[(int)body];
            cells.Add(F(speed));
            cells.Add(speed < 0 ? "1" : "0");
        }

        var phase = LunarPhase.Of(snapshot);
        cells.Add(F(phase.Elongation));
        cells.Add(F(phase.Illumination));
        cells.Add(F(phase.PhaseAngle));
        return string.Join(',', cells);
    }

    private static List<DateTimeOffset> ReadDates(string file)
    {
        if (!File.Exists(file))
        {
            throw new CommandLineException($"--dates: no file '{file}'");
        }

        var dates = new List<DateTimeOffset>();
        var line = 0;
        foreach (var text in File.ReadLines(file))
        {
            line++;
            var cell = text.Split(',')[0].Trim();
            if (line == 1)
            {
                if (cell != "date_utc")
                {
                    throw new InputFileException(file, 1, $"the header must be date_utc, not '{cell}'");
                }

                continue;
            }

            if (cell.Length == 0)
            {
                continue;
            }

            if (!DateTimeOffset.TryParse(cell, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var date))
            {
                throw new InputFileException(file, line, $"'{cell}' is not an ISO 8601 UTC instant such as 2024-03-20T03:06:00Z");
            }

            if (!AstroTime.IsSupported(date))
            {
                throw new InputFileException(file, line, $"{cell} is outside the supported range {AstroTime.RangeText}");
            }

            dates.Add(date);
            if (dates.Count > MaxDates)
            {
                throw new InputFileException(file, line, $"more than {MaxDates} dates");
            }
        }

        return dates;
    }

    private static List<DateTimeOffset> Steps(DateTimeOffset from, DateTimeOffset to, TimeSpan step)
    {
        if (!AstroTime.IsSupported(from) || !AstroTime.IsSupported(to))
        {
            throw new CommandLineException($"--from and --to must lie in the supported range {AstroTime.RangeText}");
        }

        if (to < from)
        {
            throw new CommandLineException("--to must not be before --from");
        }

        if ((to - from) / step > MaxDates)
        {
            throw new CommandLineException($"more than {MaxDates} dates: use a longer --step");
        }

        var dates = new List<DateTimeOffset>();
        for (var t = from; t <= to; t += step)
        {
            dates.Add(t);
        }

        return dates;
    }

    private static TimeSpan Step(string text)
    {
        var unit = text.Length > 0 ? text[^1] : ' ';
        if (!int.TryParse(text.AsSpan(0, Math.Max(0, text.Length - 1)), NumberStyles.None, CultureInfo.InvariantCulture, out var n) || n <= 0)
        {
            throw new CommandLineException($"--step: '{text}' is not a step such as 1d, 6h or 30m");
        }

        return unit switch
        {
            'd' => TimeSpan.FromDays(n),
            'h' => TimeSpan.FromHours(n),
            'm' => TimeSpan.FromMinutes(n),
            _ => throw new CommandLineException($"--step: '{text}' is not a step such as 1d, 6h or 30m"),
        };
    }

    private static string Iso(DateTimeOffset utc) => utc.UtcDateTime.ToString(utc.Millisecond == 0 ? "yyyy-MM-dd'T'HH:mm:ss'Z'" : "yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    private static string F(double value, string format = "R") => value.ToString(format, CultureInfo.InvariantCulture);
}
