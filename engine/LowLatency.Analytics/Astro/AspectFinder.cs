namespace LowLatency.Analytics.Astro;

/// <summary>Finds the aspects in orb among a set of positions, the closest aspect per pair.</summary>
public static class AspectFinder
{
    /// <summary>
    /// The aspects between every pair of <paramref name="positions"/>, sorted by orb. <paramref name="speeds"/>
    /// (degrees per day, by body) tells applying from separating: the orb a small step later.
    /// </summary>
    public static List<Aspect> Find(IReadOnlyList<ApparentPosition> positions, IReadOnlyList<double> speeds, AspectTable table)
    {
        const double step = 0.01; // days
        var found = new List<Aspect>();
        for (var i = 0; i < positions.Count; i++)
        {
            for (var j = i + 1; j < positions.Count; j++)
            {
                var (a, b) = (positions[i], positions[j]);
                var separation = Angles.Separation(a.Longitude, b.Longitude);
                var later = Angles.Separation(a.Longitude + (speeds[(int)a.Body] * step), b.Longitude + (speeds[(int)b.Body] * step));
                Aspect? best = null;
                foreach (var definition in table.Aspects)
                {
                    var orb = Math.Abs(separation - definition.Angle);
                    if (orb <= definition.Orb && (best is null || orb < best.Orb))
                    {
                        best = new Aspect(a.Body, b.Body, definition, separation, orb, Math.Abs(later - definition.Angle) < orb);
                    }
                }

                if (best is not null)
                {
                    found.Add(best);
                }
            }
        }

        found.Sort((x, y) => x.Orb.CompareTo(y.Orb));
        return found;
    }
}
