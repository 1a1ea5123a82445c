using System.Runtime.CompilerServices;
using LowLatency.Analytics.Statistics;
using LowLatency.Engine.Strategies;

namespace LowLatency.Engine.Risk;

/// <summary>
/// Turns a signal into a quantity: fixed fractional (<c>equity·risk% / |entry − stop|</c>), ATR-based
/// (<c>equity·risk% / (k·ATR)</c>) or Kelly (<c>f = (p·b − q)/b</c> × fraction, clamped to [0, cap], of equity at
/// the entry), then capped at the maximum position share of equity. Quantities are in instrument units
/// (e.g. BTC) before conversion to lots; prices in the quote currency; <c>rate</c> converts quote
/// to account currency.
/// </summary>
public static class PositionSizer
{
    // The order path runs rarely: compiled optimised at once instead of staying in tier-0 code for its first calls.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static double Quantity(SizingConfig sizing, double equity, double entry, double stopDistance, double atr, double rate, double maxPositionPercent)
    {
        ArgumentNullException.ThrowIfNull(sizing);
        if (!(equity > 0) || !(entry > 0) || !(rate > 0))
        {
            return 0;
        }

        double quantity;
        switch (sizing.Method)
        {
            case SizingMethod.FixedFractional:
                quantity = FixedFractional(equity, sizing.RiskPercent, stopDistance * rate);
                break;
            case SizingMethod.Atr:
                quantity = atr > 0 ? equity * sizing.RiskPercent / 100 / (sizing.AtrMultiplier * atr * rate) : 0;
                break;
            default:
                quantity = equity * KellyFraction(sizing) / (entry * rate);
                break;
        }

        var cap = equity * maxPositionPercent / 100 / (entry * rate);
        return double.IsFinite(quantity) ? Math.Clamp(quantity, 0, cap) : 0;
    }

    /// <summary>
    /// The units whose stop-out loses <paramref name="riskPercent"/> of <paramref name="equity"/>, the stop
    /// <paramref name="stopDistance"/> away (in the equity's currency per unit); 0 without a stop. Uncapped: the
    /// risk/reward calculator shows it as is, <see cref="Quantity"/> caps it.
    /// </summary>
    public static double FixedFractional(double equity, double riskPercent, double stopDistance) =>
        stopDistance > 0 ? equity * riskPercent / 100 / stopDistance : 0;

    /// <summary>The fraction of equity Kelly allows: full Kelly scaled by the configured fraction, clamped to [0, cap].</summary>
    public static double KellyFraction(SizingConfig sizing)
    {
        ArgumentNullException.ThrowIfNull(sizing);
        return Math.Clamp(TradeStatistics.Kelly(sizing.WinRate, sizing.Payoff) * sizing.KellyFraction, 0, sizing.KellyCap);
    }
}
