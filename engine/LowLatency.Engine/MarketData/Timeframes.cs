using System.Diagnostics.CodeAnalysis;

namespace LowLatency.Engine.MarketData;

/// <summary>
/// Names and bucket arithmetic of <see cref="Timeframe"/>. Buckets are UTC: intraday ones are aligned to
/// midnight (every length divides a day), weeks start Monday 00:00, months on the 1st.
/// </summary>
public static class Timeframes
{
    private const long MinuteMs = 60_000;
    private const long DayMs = 86_400_000;

    private static readonly string[] NameTable = ["1m", "2m", "3m", "5m", "10m", "15m", "30m", "45m", "1h", "2h", "3h", "4h", "1d", "1w", "1M"];
    private static readonly long[] LengthMs = [1, 2, 3, 5, 10, 15, 30, 45, 60, 120, 180, 240, 1440, 0, 0];

    /// <summary>Every timeframe, shortest first.</summary>
    public static IReadOnlyList<Timeframe> All { get; } = Enum.GetValues<Timeframe>();

    /// <summary>The frontend's name: <c>1m</c> … <c>4h</c>, <c>1d</c>, <c>1w</c>, <c>1M</c> (capital M is the month).</summary>
    public static string Name(this Timeframe timeframe) => NameTable[(int)timeframe];

    /// <summary>Parses a frontend name; case matters only to tell <c>1m</c> (minute) from <c>1M</c> (month).</summary>
    public static bool TryParse([NotNullWhen(true)] string? name, out Timeframe timeframe)
    {
        timeframe = default;
        if (string.IsNullOrWhiteSpace(name))
        {
            return false;
        }

        var trimmed = name.Trim();
        var index = Array.IndexOf(NameTable, trimmed);
        if (index < 0 && trimmed != "1M")
        {
            index = Array.IndexOf(NameTable, trimmed.ToLowerInvariant());
        }

        if (index < 0)
        {
            return false;
        }

        timeframe = (Timeframe)index;
        return true;
    }

    /// <summary>The start (Unix ms, UTC) of the bucket holding <paramref name="timestampMs"/>.</summary>
    public static long BucketStart(this Timeframe timeframe, long timestampMs)
    {
        switch (timeframe)
        {
            case Timeframe.W1:
                var day = FloorDiv(timestampMs, DayMs);
                // 1970-01-01 was a Thursday: Monday-based weekday = (day + 3) mod 7.
                return (day - FloorMod(day + 3, 7)) * DayMs;
            case Timeframe.MN1:
                var date = DateTimeOffset.FromUnixTimeMilliseconds(timestampMs).UtcDateTime;
                return new DateTimeOffset(date.Year, date.Month, 1, 0, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds();
            default:
                var length = LengthMs[(int)timeframe] * MinuteMs;
                return FloorDiv(timestampMs, length) * length;
        }
    }

    /// <summary>The start of the bucket after the one starting at <paramref name="bucketStartMs"/>.</summary>
    public static long NextBucketStart(this Timeframe timeframe, long bucketStartMs) => timeframe switch
    {
        Timeframe.W1 => bucketStartMs + (7 * DayMs),
        Timeframe.MN1 => DateTimeOffset.FromUnixTimeMilliseconds(bucketStartMs).AddMonths(1).ToUnixTimeMilliseconds(),
        _ => bucketStartMs + (LengthMs[(int)timeframe] * MinuteMs),
    };

    private static long FloorDiv(long value, long divisor) => (value / divisor) - (value % divisor < 0 ? 1 : 0);

    private static long FloorMod(long value, long divisor) => ((value % divisor) + divisor) % divisor;
}
