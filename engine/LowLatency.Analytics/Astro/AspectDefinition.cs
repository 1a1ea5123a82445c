namespace LowLatency.Analytics.Astro;

/// <summary>One aspect of the configured table: its angle, orb (degrees either side), strength and market influence.</summary>
public sealed record AspectDefinition(string Name, double Angle, double Orb, double Strength, string Influence, bool Major);
