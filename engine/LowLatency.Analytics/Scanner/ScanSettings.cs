namespace LowLatency.Analytics.Scanner;

/// <summary>
/// The scanner's filters and exits (the frontend's <c>/api/config/scanner</c> settings): at least
/// <see cref="MinConfluence"/> factors agreeing, a confidence of at least <see cref="MinConfidence"/>; the stop
/// 1.5 ATR(14) from the entry; the target at <see cref="FixedRiskReward"/> × the risk (<c>fixed</c>) or
/// <see cref="TargetAtrMultiple"/> ATRs away (<c>dynamic</c>).
/// </summary>
public sealed record ScanSettings(int MinConfluence = 2, double MinConfidence = 0.6, bool FixedRiskRewardMode = false, double FixedRiskReward = 2, double TargetAtrMultiple = 2)
{
    public const double StopAtrMultiple = 1.5;
}
