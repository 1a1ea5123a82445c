namespace LowLatency.Analytics.Gann;

/// <summary>A Square-of-9 level (the frontend's <c>GannLevels</c> type): every field always present.</summary>
public sealed record GannLevel(int Angle, int Degree, double Price, GannLevelType Type, double Strength);
