namespace LowLatency.Analytics.Scanner;

/// <summary>One factor's vote: its name, weight, direction (+1, −1, 0) and strength 0..1, with a reason in words.</summary>
public sealed record ScanFactor(string Name, double Weight, int Vote, double Strength, string Reason);
