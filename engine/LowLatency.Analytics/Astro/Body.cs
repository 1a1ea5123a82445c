namespace LowLatency.Analytics.Astro;

/// <summary>The bodies the ephemeris computes, in the order of <c>astro.csv</c>'s columns.</summary>
public enum Body
{
    Sun,
    Moon,
    Mercury,
    Venus,
    Mars,
    Jupiter,
    Saturn,
    Uranus,
    Neptune,
    Pluto,
}
