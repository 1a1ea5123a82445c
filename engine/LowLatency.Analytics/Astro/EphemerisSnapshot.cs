namespace LowLatency.Analytics.Astro;

/// <summary>
/// Every body's apparent position at one instant (indexed by <see cref="Body"/>), and the Sun's geometric position
/// of date that the Moon's phase angle is measured against, all from one computation of the Earth and the nutation.
/// </summary>
public sealed record EphemerisSnapshot(double JdUt, ApparentPosition[] Positions, ApparentPosition GeometricSun)
{
    public ApparentPosition this[Body body] => Positions[(int)body];
}
