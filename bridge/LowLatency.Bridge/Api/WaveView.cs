using LowLatency.Analytics.Gann;
using LowLatency.Analytics.Patterns;

namespace LowLatency.Bridge.Api;

/// <summary>
/// <c>POST /api/forecast/waves</c>'s answer from the library's <see cref="WaveAnalysis"/> of daily candles: its
/// legs, projection and Elliott count in the frontend's shape, dates a day per bar ahead of the last candle.
/// </summary>
public static class WaveView
{
    private const long DayMs = 86_400_000L;

    public static object From(string symbol, WaveReading reading, double currentPrice, long lastBarTimeMs)
    {
        ArgumentNullException.ThrowIfNull(reading);
        var (projection, elliott) = (reading.Projection, reading.Elliott);
        return new
        {
            status = "success",
            symbol,
            currentPrice,
            convention = GannAngle.Convention,
            gannAnalysis = new
            {
                waves = reading.Legs.TakeLast(8).Select(l => new
                {
                    number = l.Number, direction = l.Up ? "up" : "down", degrees = Math.Round(l.Degrees, 2), gann_angle = l.GannAngle, bars = l.Bars,
                    change_pct = Math.Round(l.ChangePercent, 4),
                }).ToList(),
                projection = new
                {
                    angle_name = projection.GannAngle,
                    target_price = Math.Round(projection.TargetPrice, 8),
                    target_date = Timestamps.Iso(lastBarTimeMs + (projection.BarsAhead * DayMs)),
                    confidence = Math.Round(projection.Confidence, 4),
                },
            },
            elliottAnalysis = new
            {
                current_wave = elliott.CurrentWave,
                sub_wave = elliott.SubWave,
                degree = "minor",
                trend = elliott.Trend,
                targets = new { wave3 = Math.Round(elliott.Wave3Target, 8), wave4 = Math.Round(elliott.Wave4Target, 8), wave5 = Math.Round(elliott.Wave5Target, 8) },
                invalidation = Math.Round(elliott.Invalidation, 8),
                next_pivot_date = Timestamps.Iso(reading.LastPivotTimeMs + (projection.BarsAhead * DayMs))[..10],
                estimated_duration = $"{projection.BarsAhead} bars",
            },
            averageDailyRange = Math.Round(reading.AverageRange, 8),
            pivots = reading.Pivots,
            timestamp = Timestamps.Now(),
        };
    }
}
