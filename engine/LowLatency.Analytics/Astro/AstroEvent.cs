namespace LowLatency.Analytics.Astro;

/// <summary>An event at an instant: its type, the body, the ecliptic longitude there and a description.</summary>
public sealed record AstroEvent(DateTimeOffset Utc, AstroEventType Type, Body Body, double Longitude, string Description);
