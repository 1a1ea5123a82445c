namespace LowLatency.Analytics.Patterns;

/// <summary>
/// One zig-zag leg: its number (from 1), whether it rose, its bars, its change in percent, its slope in price
/// ranges per bar, the slope's drawn angle (atan, with one range per bar at 45°) and the nearest Gann angle's name
/// (<see cref="Gann.GannAngle.Convention"/>).
/// </summary>
public sealed record WaveLeg(int Number, bool Up, int Bars, double ChangePercent, double RangesPerBar, double Degrees, string GannAngle, int FromBar, int ToBar);
