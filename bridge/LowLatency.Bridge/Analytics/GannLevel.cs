namespace LowLatency.Bridge.Analytics;

/// <summary>FE type <c>GannLevels</c>: every field always present.</summary>
public sealed record GannLevel(int Angle, int Degree, double Price, string Type, double Strength);
