using LowLatency.Analytics.Indicators;

namespace LowLatency.Analytics.Gann;

/// <summary>
/// Supply and demand zones from swing pivots: a swing high marks a supply zone from its high down half an average
/// range, a swing low a demand zone from its low up half an average range. A zone is <c>broken</c> once a later
/// close goes through it, and its <c>touches</c> count the later bars that traded into it without breaking it.
/// Each zone names the Square-of-9 level (centred on the lookback's extreme nearest the price) inside or nearest it.
/// </summary>
public static class SupplyDemand
{
    public sealed record Zone(bool Supply, Pivot Pivot, double Top, double Bottom, int Touches, bool Broken, double NearestSquareOfNine);

    public static List<Zone> Find(IReadOnlyList<OhlcvBar> bars, int swingStrength, double squareOfNineCentre)
    {
        ArgumentNullException.ThrowIfNull(bars);
        var half = 0.5 * MeanTrueRange.Of(bars);
        var zones = new List<Zone>();
        foreach (var pivot in Pivots.Swings(bars, swingStrength))
        {
            var (top, bottom) = pivot.IsHigh ? (pivot.Price, pivot.Price - half) : (pivot.Price + half, pivot.Price);
            int touches = 0;
            var broken = false;
            for (var i = pivot.Bar + 1; i < bars.Count && !broken; i++)
            {
                broken = pivot.IsHigh ? bars[i].Close > top : bars[i].Close < bottom;
                if (!broken && bars[i].High >= bottom && bars[i].Low <= top && i > pivot.Bar + swingStrength)
                {
                    touches++;
                }
            }

            zones.Add(new Zone(pivot.IsHigh, pivot, top, bottom, touches, broken, NearestLevel(squareOfNineCentre, (top + bottom) / 2)));
        }

        return zones;
    }

    private static double NearestLevel(double centre, double price)
    {
        if (!(centre > 0) || !(price > 0))
        {
            return double.NaN;
        }

        var step = SquareOfNine.StepBelow(centre, price);
        var below = SquareOfNine.Level(centre, step);
        var above = SquareOfNine.Level(centre, step + 1);
        return double.IsNaN(below) || Math.Abs(above - price) < Math.Abs(price - below) ? above : below;
    }
}
