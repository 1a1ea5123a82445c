namespace LowLatency.Analytics.Gann;

/// <summary>
/// Of a set of price levels, the nearest support (the highest strictly below the price) and the nearest
/// resistance (the lowest strictly above); a level at the price is neither. NaN where there is none. Every Gann
/// tool that names a nearest level uses this one rule.
/// </summary>
public static class NearestLevels
{
    public static (double Support, double Resistance) Around(IEnumerable<double> levels, double price)
    {
        ArgumentNullException.ThrowIfNull(levels);
        var (support, resistance) = (double.NaN, double.NaN);
        foreach (var level in levels)
        {
            if (level < price && !(level <= support))
            {
                support = level;
            }
            else if (level > price && !(level >= resistance))
            {
                resistance = level;
            }
        }

        return (support, resistance);
    }
}
