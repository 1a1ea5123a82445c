namespace LowLatency.Analytics.Trading;

/// <summary>
/// A trade plan's risk and reward: an entry with its stop-loss and take-profit, long when the target is above the
/// entry. The risk/reward calculator and the agent's reward/risk gate both read it, so one plan gets one ratio,
/// and one rating; the size is the strategies' sizer's (PositionSizer, in the engine). Prices in decimal, as the account's money is.
/// </summary>
public sealed record TradePlan(decimal Entry, decimal Stop, decimal Target)
{
    /// <summary>The ratio the agent's gate asks for: the calculator's "acceptable" and above.</summary>
    public const decimal MinimumRewardRisk = 1.5m;

    public bool IsLong => Target > Entry;

    /// <summary>Why the plan cannot be traded (a price not positive, the stop on the target's side); null when it can.</summary>
    public string? Problem =>
        Entry <= 0 || Stop <= 0 || Target <= 0 ? "entryPrice, stopLoss and takeProfit must be positive"
        : IsLong ? (Stop < Entry ? null : "a long (take-profit above entry) needs its stop-loss below the entry")
        : Target < Entry && Stop > Entry ? null : "a short (take-profit below entry) needs its stop-loss above the entry; take-profit and entry must differ";

    public decimal RiskPerUnit => Math.Abs(Entry - Stop);

    public decimal RewardPerUnit => Math.Abs(Target - Entry);

    /// <summary>Reward over risk per unit (valid plans only).</summary>
    public decimal Ratio => RewardPerUnit / RiskPerUnit;

    public string Rating => Ratio >= 3 ? "excellent" : Ratio >= 2 ? "good" : Ratio >= MinimumRewardRisk ? "acceptable" : "poor";

    /// <summary>The win rate, in percent, at which the plan breaks even: 100 / (1 + ratio).</summary>
    public decimal BreakevenWinRatePercent => 100 / (1 + Ratio);

    /// <summary>The expected result in R (multiples of the risk) at <paramref name="winRate"/> (a fraction).</summary>
    public decimal ExpectedValue(decimal winRate) => (winRate * Ratio) - (1 - winRate);

    /// <summary>Whether the plan is tradeable at a ratio of at least <see cref="MinimumRewardRisk"/>.</summary>
    public bool MeetsMinimum => Problem is null && Ratio >= MinimumRewardRisk;

    /// <summary>
    /// A plan on volatility: stop and target <paramref name="stopAtr"/> and <paramref name="targetAtr"/> ATRs from
    /// the price a signal fired at, entered at <paramref name="entry"/> now. A price that has run toward the target
    /// since the signal leaves less reward for more risk, and past the target or the stop, no plan at all.
    /// </summary>
    public static TradePlan FromSignal(bool buy, decimal signalPrice, decimal entry, decimal atr, decimal stopAtr = 2, decimal targetAtr = 4)
    {
        var direction = buy ? 1 : -1;
        return new TradePlan(entry, signalPrice - (direction * stopAtr * atr), signalPrice + (direction * targetAtr * atr));
    }
}
