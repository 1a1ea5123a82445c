using LowLatency.Engine.MarketData;

namespace LowLatency.Engine.Tests.MarketData;

[TestFixture]
public sealed class TimeframeTests
{
    private static long Ms(string iso) => DateTimeOffset.Parse(iso, System.Globalization.CultureInfo.InvariantCulture).ToUnixTimeMilliseconds();

    [Test]
    public void Every_frontend_name_round_trips_and_1m_is_not_1M()
    {
        string[] names = ["1m", "2m", "3m", "5m", "10m", "15m", "30m", "45m", "1h", "2h", "3h", "4h", "1d", "1w", "1M"];
        Assert.That(Timeframes.All.Select(t => t.Name()), Is.EqualTo(names));
        foreach (var name in names)
        {
            Assert.That(Timeframes.TryParse(name, out var timeframe), Is.True, name);
            Assert.That(timeframe.Name(), Is.EqualTo(name));
        }

        Assert.That(Timeframes.TryParse("1M", out var month) && month == Timeframe.MN1, Is.True);
        Assert.That(Timeframes.TryParse("1m", out var minute) && minute == Timeframe.M1, Is.True);
        Assert.That(Timeframes.TryParse("1H", out var hour) && hour == Timeframe.H1, Is.True, "other names ignore case");
        Assert.That(Timeframes.TryParse("7m", out _), Is.False);
        Assert.That(Timeframes.TryParse(null, out _), Is.False);
    }

    [TestCase(Timeframe.M45, "2024-03-05T01:40:12Z", "2024-03-05T01:30:00Z")]
    [TestCase(Timeframe.M45, "2024-03-05T23:59:59Z", "2024-03-05T23:15:00Z")]
    [TestCase(Timeframe.H3, "2024-03-05T05:00:00Z", "2024-03-05T03:00:00Z")]
    [TestCase(Timeframe.H4, "2024-03-05T03:59:59.999Z", "2024-03-05T00:00:00Z")]
    [TestCase(Timeframe.D1, "2024-03-05T23:59:59Z", "2024-03-05T00:00:00Z")]
    [TestCase(Timeframe.W1, "2024-03-10T12:00:00Z", "2024-03-04T00:00:00Z")]
    [TestCase(Timeframe.W1, "2024-03-04T00:00:00Z", "2024-03-04T00:00:00Z")]
    [TestCase(Timeframe.W1, "1969-12-31T00:00:00Z", "1969-12-29T00:00:00Z")]
    [TestCase(Timeframe.MN1, "2024-02-29T23:59:59Z", "2024-02-01T00:00:00Z")]
    [TestCase(Timeframe.M1, "1969-12-31T23:59:30Z", "1969-12-31T23:59:00Z")]
    public void Buckets_are_utc_aligned(Timeframe timeframe, string at, string start) =>
        Assert.That(timeframe.BucketStart(Ms(at)), Is.EqualTo(Ms(start)));

    [Test]
    public void The_next_bucket_starts_where_the_bucket_ends()
    {
        var random = new Random(11);
        foreach (var timeframe in Timeframes.All)
        {
            for (var i = 0; i < 200; i++)
            {
                var at = Ms("2023-01-01T00:00:00Z") + (long)(random.NextDouble() * 4e10);
                var start = timeframe.BucketStart(at);
                var next = timeframe.NextBucketStart(start);
                Assert.That(timeframe.BucketStart(next - 1), Is.EqualTo(start), timeframe.Name());
                Assert.That(timeframe.BucketStart(next), Is.EqualTo(next), timeframe.Name());
            }
        }
    }
}
