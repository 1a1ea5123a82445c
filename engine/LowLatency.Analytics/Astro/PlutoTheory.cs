namespace LowLatency.Analytics.Astro;

/// <summary>
/// Pluto's heliocentric position from J. Meeus, <i>Astronomical Algorithms</i> ch. 37 (a fit to DE200 for
/// 1885–2099), referred to the J2000 ecliptic like VSOP87B.
/// </summary>
internal sealed class PlutoTheory
{
    private const double Degrees = Math.PI / 180;

    private readonly double[][] _rows = [.. CoefficientTable.Read("pluto-37a.csv").Select(r => r.Numbers)];

    public Vector3 Position(double jdTt)
    {
        var t = (jdTt - AstroTime.J2000) / 36525.0;
        var j = 34.35 + (3034.9057 * t);
        var s = 50.08 + (1222.1138 * t);
        var p = 238.96 + (144.96 * t);
        double l = 0, b = 0, r = 0;
        foreach (var row in _rows)
        {
            var (sa, ca) = Math.SinCos(((row[0] * j) + (row[1] * s) + (row[2] * p)) * Degrees);
            l += (row[3] * sa) + (row[4] * ca);
            b += (row[5] * sa) + (row[6] * ca);
            r += (row[7] * sa) + (row[8] * ca);
        }

        return Vector3.FromSpherical((l + 238.958116 + (144.96 * t)) * Degrees, (b - 3.908239) * Degrees, r + 40.7241346);
    }
}
