using LowLatency.Engine.MarketData;

namespace LowLatency.Bridge.Analytics;

/// <summary>
/// Swing legs and a wave reading of daily candles (<c>POST /api/forecast/waves</c>). Pivots: a zig-zag that turns
/// when price reverses by at least three average true ranges from the running extreme. Each leg reports its
/// bars, change, and its angle on a Gann chart scaled so that one average daily range per bar is 45° (1×1),
/// named after the nearest Gann angle. Elliott reading (a heuristic, stated): the legs since the most extreme
/// pivot of the window are counted as waves 1–5 of the move away from it; targets from Fibonacci ratios of
/// wave 1 (wave 3 = 1.618×, wave 4 retraces 0.382 of wave 3, wave 5 = wave 1); the invalidation level is the
/// start of wave 1. The projection extends the last leg's Gann angle by the average leg length in bars.
/// </summary>
public static class WaveAnalysis
{
    private static readonly (string Name, double Degrees)[] GannAngles =
        [("1x8", 7.5), ("1x4", 15), ("1x3", 18.75), ("1x2", 26.25), ("1x1", 45), ("2x1", 63.75), ("3x1", 71.25), ("4x1", 75), ("8x1", 82.5)];

    public static object Analyze(string symbol, IReadOnlyList<OhlcvBar> bars)
    {
        ArgumentNullException.ThrowIfNull(bars);
        var range = AverageRange(bars);
        var pivots = Pivots(bars, 3 * range);
        var legs = new List<(int Number, string Direction, double Degrees, string Angle, int Bars, double ChangePct, int From, int To)>();
        for (var i = 1; i < pivots.Count; i++)
        {
            var (from, to) = (pivots[i - 1], pivots[i]);
            var barsInLeg = Math.Max(1, to.Index - from.Index);
            var slope = Math.Abs(to.Price - from.Price) / range / barsInLeg; // ranges per bar: 1 = 45°
            var degrees = Math.Atan(slope) * 180 / Math.PI;
            var angle = GannAngles.MinBy(a => Math.Abs(a.Degrees - degrees)).Name;
            legs.Add((i, to.Price > from.Price ? "up" : "down", Math.Round(degrees, 2), angle, barsInLeg, Math.Round((to.Price / from.Price - 1) * 100, 4), from.Index, to.Index));
        }

        var last = bars[^1];
        var averageLeg = legs.Count == 0 ? 10 : (int)Math.Round(legs.Average(l => l.Bars));
        var lastLeg = legs.Count == 0 ? default : legs[^1];
        var direction = legs.Count == 0 ? 0 : lastLeg.Direction == "up" ? 1 : -1;
        var slopePerBar = legs.Count == 0 ? 0 : Math.Tan(lastLeg.Degrees * Math.PI / 180) * range * direction;
        var target = Math.Max(last.Close + (slopePerBar * averageLeg), last.Close * 0.01);
        var consistent = legs.Count < 2 ? 0.5 : legs.TakeLast(6).Count(l => l.Angle == lastLeg.Angle) / (double)Math.Min(6, legs.Count);

        // Elliott: count legs since the window's most extreme pivot.
        var extreme = pivots.Count == 0 ? 0 : pivots.Select((p, i) => (p, i)).MaxBy(x => Math.Abs(x.p.Price - last.Close)).i;
        var counted = pivots.Skip(extreme).ToList();
        var waveCount = Math.Max(1, counted.Count - 1);
        var currentWave = ((waveCount - 1) % 5) + 1;
        var trend = counted.Count >= 2 ? (counted[^1].Price >= counted[0].Price ? "bullish" : "bearish") : "neutral";
        var wave1 = counted.Count >= 2 ? counted[1].Price - counted[0].Price : last.Close * 0.05;
        var start = counted.Count > 0 ? counted[0].Price : last.Close;
        var wave2End = counted.Count >= 3 ? counted[2].Price : start + (wave1 * 0.5);
        var wave3 = wave2End + (wave1 * 1.618);
        var wave4 = wave3 - ((wave3 - wave2End) * 0.382);
        var wave5 = wave4 + wave1;
        var lastPivotDate = pivots.Count == 0 ? last.OpenTimeMs : bars[pivots[^1].Index].OpenTimeMs;
        return new
        {
            status = "success",
            symbol,
            currentPrice = last.Close,
            gannAnalysis = new
            {
                waves = legs.TakeLast(8).Select(l => new { number = l.Number, direction = l.Direction, degrees = l.Degrees, gann_angle = l.Angle, bars = l.Bars, change_pct = l.ChangePct }).ToList(),
                projection = new
                {
                    angle_name = legs.Count == 0 ? "1x1" : lastLeg.Angle,
                    target_price = Math.Round(target, 8),
                    target_date = Api.Timestamps.Iso(last.OpenTimeMs + (averageLeg * 86_400_000L)),
                    confidence = Math.Round(Math.Clamp(consistent, 0, 1), 4),
                },
            },
            elliottAnalysis = new
            {
                current_wave = currentWave,
                sub_wave = ((waveCount - 1) / 5) + 1,
                degree = "minor",
                trend,
                targets = new { wave3 = Math.Round(wave3, 8), wave4 = Math.Round(wave4, 8), wave5 = Math.Round(wave5, 8) },
                invalidation = Math.Round(start, 8),
                next_pivot_date = Api.Timestamps.Iso(lastPivotDate + (averageLeg * 86_400_000L))[..10],
                estimated_duration = $"{averageLeg} bars",
            },
            averageDailyRange = Math.Round(range, 8),
            pivots = pivots.Count,
            timestamp = Api.Timestamps.Now(),
        };
    }

    private static double AverageRange(IReadOnlyList<OhlcvBar> bars)
    {
        var sum = 0.0;
        for (var i = 0; i < bars.Count; i++)
        {
            var previous = i == 0 ? bars[0].Close : bars[i - 1].Close;
            sum += Math.Max(bars[i].High, previous) - Math.Min(bars[i].Low, previous);
        }

        return Math.Max(sum / bars.Count, bars[^1].Close * 1e-6);
    }

    /// <summary>Zig-zag pivots: a new pivot when price reverses from the running extreme by at least <paramref name="reversal"/>.</summary>
    private static List<(int Index, double Price)> Pivots(IReadOnlyList<OhlcvBar> bars, double reversal)
    {
        var pivots = new List<(int Index, double Price)> { (0, bars[0].Close) };
        var direction = 0;
        var extremeIndex = 0;
        var extreme = bars[0].Close;
        for (var i = 1; i < bars.Count; i++)
        {
            var high = bars[i].High;
            var low = bars[i].Low;
            if (direction >= 0 && high > extreme)
            {
                (extreme, extremeIndex) = (high, i);
                direction = direction == 0 ? (high - pivots[0].Price >= reversal ? 1 : 0) : 1;
            }
            else if (direction <= 0 && low < extreme)
            {
                (extreme, extremeIndex) = (low, i);
                direction = direction == 0 ? (pivots[0].Price - low >= reversal ? -1 : 0) : -1;
            }

            if (direction > 0 && extreme - low >= reversal)
            {
                pivots.Add((extremeIndex, extreme));
                (direction, extreme, extremeIndex) = (-1, low, i);
            }
            else if (direction < 0 && high - extreme >= reversal)
            {
                pivots.Add((extremeIndex, extreme));
                (direction, extreme, extremeIndex) = (1, high, i);
            }
        }

        if (extremeIndex != pivots[^1].Index)
        {
            pivots.Add((extremeIndex, extreme)); // the leg in progress
        }

        return pivots;
    }
}
