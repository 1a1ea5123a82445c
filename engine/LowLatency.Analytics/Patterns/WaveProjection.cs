namespace LowLatency.Analytics.Patterns;

/// <summary>The last leg's slope carried on for the average leg's bars: the angle's name, the target price, the bars ahead, and how many of the last six legs shared the angle (0–1).</summary>
public sealed record WaveProjection(string GannAngle, double TargetPrice, int BarsAhead, double Confidence);
