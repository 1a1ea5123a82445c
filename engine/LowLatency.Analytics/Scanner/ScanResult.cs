namespace LowLatency.Analytics.Scanner;

/// <summary>A scan of one series: the direction (+1 buy, −1 sell, 0 none), confidence 0..1, the exits and every factor's vote.</summary>
public sealed record ScanResult(int Direction, double Confidence, int Confluence, double Entry, double StopLoss, double TakeProfit, double RiskReward, long TimeMs, IReadOnlyList<ScanFactor> Factors)
{
    /// <summary>Whether the result passes the settings' filters.</summary>
    public bool Passes(ScanSettings settings) => Direction != 0 && Confluence >= settings.MinConfluence && Confidence >= settings.MinConfidence;
}
