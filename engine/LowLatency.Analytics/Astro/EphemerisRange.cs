namespace LowLatency.Analytics.Astro;

/// <summary>
/// One thread's evaluations over a run of dates: a date's daily motion reads the instants half a day either side,
/// and with daily steps the later one is the next date's earlier one, so each instant is computed once (Earth,
/// nutation, every body) and serves the positions, the motions and the Moon's phase. Not thread-safe: one per worker.
/// </summary>
public sealed class EphemerisRange(Ephemeris ephemeris)
{
    // The instants one date touches (its own and the two half-days), and the last one of the date before.
    private const int Kept = 4;

    // Dates built from ticks land on the same instant to within rounding, far below this (about 0.01 s).
    private const double SameInstantDays = 1e-7;

    private readonly EphemerisSnapshot?[] _recent = new EphemerisSnapshot?[Kept];
    private int _next;

    /// <summary>Instants computed (not served from the cache), for the benchmark and the tests.</summary>
    public int Computed { get; private set; }

    public EphemerisSnapshot At(double jdUt)
    {
        foreach (var snapshot in _recent)
        {
            if (snapshot is not null && Math.Abs(snapshot.JdUt - jdUt) < SameInstantDays)
            {
                return snapshot;
            }
        }

        var computed = ephemeris.Snapshot(jdUt);
        _recent[_next] = computed;
        _next = (_next + 1) % Kept;
        Computed++;
        return computed;
    }

    /// <summary>Every body's daily motion at <paramref name="jdUt"/>, as <see cref="Ephemeris.DailyMotions"/> computes it.</summary>
    public double[] DailyMotions(double jdUt) => Ephemeris.Motions(At(jdUt - 0.5), At(jdUt + 0.5));
}
