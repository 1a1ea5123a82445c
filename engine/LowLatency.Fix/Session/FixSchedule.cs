namespace LowLatency.Fix.Session;

/// <summary>
/// When a session may be logged on: a daily window in UTC on the listed days (the day the window opens). A window
/// whose end is before its start runs over midnight. Each window is one FIX session: the sequence numbers start
/// again at 1 when a new window opens, as the session spec and QuickFIX do.
/// </summary>
public sealed record FixSchedule(TimeOnly StartUtc, TimeOnly EndUtc, IReadOnlySet<DayOfWeek> Days)
{
    /// <summary>Always open, one session for ever (sequence numbers never reset by the clock).</summary>
    public static FixSchedule Always { get; } = new(TimeOnly.MinValue, TimeOnly.MinValue, new HashSet<DayOfWeek>(Enum.GetValues<DayOfWeek>()));

    public bool IsAlways => StartUtc == EndUtc && Days.Count == 7;

    /// <summary>When the window containing <paramref name="utc"/> opened, or null when the time is outside every window.</summary>
    public DateTime? WindowStart(DateTime utc)
    {
        if (IsAlways)
        {
            return DateTime.MinValue;
        }

        var time = TimeOnly.FromDateTime(utc);
        var overnight = EndUtc < StartUtc;
        DateTime openDay;
        if (!overnight)
        {
            if (time < StartUtc || time >= EndUtc)
            {
                return null;
            }

            openDay = utc.Date;
        }
        else if (time >= StartUtc)
        {
            openDay = utc.Date;
        }
        else if (time < EndUtc)
        {
            openDay = utc.Date.AddDays(-1);
        }
        else
        {
            return null;
        }

        return Days.Contains(openDay.DayOfWeek) ? DateTime.SpecifyKind(openDay + StartUtc.ToTimeSpan(), DateTimeKind.Utc) : null;
    }

    public bool IsOpen(DateTime utc) => WindowStart(utc) is not null;

    /// <summary>Parses <c>HH:mm</c> times and day names (<c>Mon,Tue</c> or <c>Mon-Fri</c>); a clear error otherwise.</summary>
    public static FixSchedule Parse(string start, string end, string? days)
    {
        if (!TimeOnly.TryParseExact(start, ["HH:mm", "HH:mm:ss"], out var s) || !TimeOnly.TryParseExact(end, ["HH:mm", "HH:mm:ss"], out var e))
        {
            throw new FormatException($"session schedule: start '{start}' and end '{end}' must be HH:mm (UTC)");
        }

        var set = new HashSet<DayOfWeek>();
        foreach (var part in (days ?? "Sun-Sat").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var range = part.Split('-', StringSplitOptions.TrimEntries);
            var from = Day(range[0]);
            var to = range.Length == 2 ? Day(range[1]) : from;
            for (var d = from; ; d = (DayOfWeek)(((int)d + 1) % 7))
            {
                set.Add(d);
                if (d == to)
                {
                    break;
                }
            }
        }

        return new FixSchedule(s, e, set);
    }

    private static DayOfWeek Day(string name)
    {
        foreach (var day in Enum.GetValues<DayOfWeek>())
        {
            if (day.ToString().StartsWith(name, StringComparison.OrdinalIgnoreCase) && name.Length >= 3)
            {
                return day;
            }
        }

        throw new FormatException($"session schedule: '{name}' is not a day (Mon, Tue, … or Monday, …)");
    }
}
