namespace LowLatency.Analytics.Astro;

/// <summary>
/// A body's apparent geocentric position: ecliptic longitude in [0, 360) and latitude in degrees, referred to the
/// true ecliptic and equinox of date, and the distance (AU; the Moon's too).
/// </summary>
public readonly record struct ApparentPosition(Body Body, double Longitude, double Latitude, double DistanceAu);
