namespace LowLatency.Analytics.Astro;

/// <summary>
/// An event at an instant: its type, the body, the ecliptic longitude there, the sign (for an ingress the sign
/// entered, else the sign of that longitude) and a description.
/// </summary>
public sealed record AstroEvent(DateTimeOffset Utc, AstroEventType Type, Body Body, double Longitude, string Sign, string Description);
