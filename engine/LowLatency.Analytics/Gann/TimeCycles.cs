namespace LowLatency.Analytics.Gann;

/// <summary>
/// Gann time cycles (ORIGINAL_ENGINES §1.5, without its defects): each pivot is projected forward by each cycle
/// length in calendar days; projected dates within <c>toleranceDays</c> of each other form a cluster, and a cluster
/// fed by two or more projections is a confluence zone, strongest first. Defaults: cycles 90, 120, 144, 180, 270
/// and 360 days (the original's <c>time_cycles.periods</c>), tolerance 5 days, the extremes of the lookback and its
/// swing pivots (strength 5) as the pivots.
/// </summary>
public static class TimeCycles
{
    public static readonly IReadOnlyList<int> DefaultCycles = [90, 120, 144, 180, 270, 360];

    /// <summary>One projection: a pivot plus a cycle length.</summary>
    public sealed record Projection(Pivot Pivot, int CycleDays, DateTimeOffset Date);

    /// <summary>A cluster of projections: its centre date, its span and the projections that made it.</summary>
    public sealed record Zone(DateTimeOffset Date, DateTimeOffset From, DateTimeOffset To, IReadOnlyList<Projection> Projections)
    {
        public int Strength => Projections.Count;
    }

    /// <summary>Every projection after <paramref name="after"/>, in date order.</summary>
    public static List<Projection> Project(IEnumerable<Pivot> pivots, IReadOnlyList<int> cycles, DateTimeOffset after)
    {
        ArgumentNullException.ThrowIfNull(cycles);
        var list = new List<Projection>();
        foreach (var pivot in pivots)
        {
            foreach (var days in cycles)
            {
                var date = DateTimeOffset.FromUnixTimeMilliseconds(pivot.TimeMs).AddDays(days);
                if (date > after)
                {
                    list.Add(new Projection(pivot, days, date));
                }
            }
        }

        list.Sort((a, b) => a.Date.CompareTo(b.Date));
        return list;
    }

    /// <summary>Clusters (chained within <paramref name="toleranceDays"/>) of two or more projections, strongest and then soonest first.</summary>
    public static List<Zone> Confluence(IReadOnlyList<Projection> projections, double toleranceDays)
    {
        ArgumentNullException.ThrowIfNull(projections);
        var zones = new List<Zone>();
        var i = 0;
        while (i < projections.Count)
        {
            var j = i + 1;
            while (j < projections.Count && (projections[j].Date - projections[j - 1].Date).TotalDays <= toleranceDays)
            {
                j++;
            }

            if (j - i >= 2)
            {
                var members = projections.Skip(i).Take(j - i).ToList();
                var centre = DateTimeOffset.FromUnixTimeMilliseconds((long)members.Average(m => m.Date.ToUnixTimeMilliseconds()));
                zones.Add(new Zone(centre, members[0].Date, members[^1].Date, members));
            }

            i = j;
        }

        zones.Sort((a, b) => a.Strength != b.Strength ? b.Strength.CompareTo(a.Strength) : a.Date.CompareTo(b.Date));
        return zones;
    }

    /// <summary>The pivots cycles are projected from: the lookback's extremes and its confirmed swings, newest last, de-duplicated.</summary>
    public static List<Pivot> DefaultPivots(IReadOnlyList<OhlcvBar> bars, int swingStrength = 5)
    {
        var (high, low) = Pivots.Extremes(bars, bars.Count);
        var all = Pivots.Swings(bars, swingStrength);
        all.Add(high);
        all.Add(low);
        return [.. all.DistinctBy(p => (p.Bar, p.IsHigh)).OrderBy(p => p.Bar)];
    }
}
