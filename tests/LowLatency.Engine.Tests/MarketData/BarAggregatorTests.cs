using LowLatency.Analytics;
using LowLatency.Engine.MarketData;

namespace LowLatency.Engine.Tests.MarketData;

[TestFixture]
public sealed class BarAggregatorTests
{
    private const long Minute = 60_000;

    [Test]
    public void Trades_build_bars_that_close_when_a_later_bucket_starts()
    {
        var sink = new CollectingSink();
        var aggregator = new BarAggregator(2, [Timeframe.M1, Timeframe.M5]);
        Assert.That(aggregator.OnTrade(0, 0, 100, 1, sink), Is.True);
        aggregator.OnTrade(0, 10_000, 105, 2, sink);
        aggregator.OnTrade(0, 20_000, 95, 3, sink);
        aggregator.OnTrade(0, 59_999, 101, 4, sink);
        aggregator.OnTrade(1, 30_000, 7, 1, sink); // another instrument does not close instrument 0's bars
        Assert.That(sink.Closed, Is.Empty);

        aggregator.OnTrade(0, 3 * Minute, 102, 5, sink); // skips minutes 1 and 2: no bars invented for them
        Assert.That(sink.Closed, Has.Count.EqualTo(1));
        var (instrument, timeframe, bar) = sink.Closed[0];
        Assert.That((instrument, timeframe), Is.EqualTo((0, Timeframe.M1)));
        Assert.That((bar.OpenTimeMs, bar.Open, bar.High, bar.Low, bar.Close, bar.Volume, bar.Trades), Is.EqualTo((0L, 100.0, 105.0, 95.0, 101.0, 10.0, 4)));

        Assert.That(aggregator.TryGetOpenBar(0, Timeframe.M5, out var fiveMinute), Is.True);
        Assert.That((fiveMinute.Open, fiveMinute.High, fiveMinute.Low, fiveMinute.Close, fiveMinute.Volume), Is.EqualTo((100.0, 105.0, 95.0, 102.0, 15.0)));
        Assert.That(aggregator.TryGetOpenBar(1, Timeframe.M1, out var other) && other.Close == 7, Is.True);
    }

    [Test]
    public void Bad_or_late_trades_are_refused_and_change_nothing()
    {
        var sink = new CollectingSink();
        var aggregator = new BarAggregator(1, [Timeframe.M1, Timeframe.H1]);
        aggregator.OnTrade(0, 5 * Minute, 100, 1, sink);
        aggregator.TryGetOpenBar(0, Timeframe.M1, out var before);

        Assert.Multiple(() =>
        {
            Assert.That(aggregator.OnTrade(0, 4 * Minute, 100, 1, sink), Is.False, "late: older than the open 1m bar");
            Assert.That(aggregator.OnTrade(0, 5 * Minute, double.NaN, 1, sink), Is.False);
            Assert.That(aggregator.OnTrade(0, 5 * Minute, -1, 1, sink), Is.False);
            Assert.That(aggregator.OnTrade(0, 5 * Minute, 0, 1, sink), Is.False);
            Assert.That(aggregator.OnTrade(0, 5 * Minute, 100, -1, sink), Is.False);
            Assert.That(aggregator.OnTrade(0, 5 * Minute, 100, double.PositiveInfinity, sink), Is.False);
            Assert.That(aggregator.OnTrade(1, 5 * Minute, 100, 1, sink), Is.False, "unknown instrument");
            Assert.That(aggregator.OnTrade(-1, 5 * Minute, 100, 1, sink), Is.False);
        });
        aggregator.TryGetOpenBar(0, Timeframe.M1, out var after);
        Assert.That(after, Is.EqualTo(before));
        Assert.That(aggregator.Rejected, Is.EqualTo(8));
        Assert.That(sink.Closed, Is.Empty);
    }

    [Test]
    public void Every_timeframe_equals_the_fold_of_its_one_minute_bars()
    {
        var sink = new CollectingSink();
        var aggregator = new BarAggregator(1, [.. Timeframes.All]);
        var random = new Random(7);
        var start = DateTimeOffset.Parse("2024-01-29T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture).ToUnixTimeMilliseconds();
        var time = start;
        var price = 100.0;
        while (time < start + (70L * 24 * 60 * Minute))
        {
            time += random.Next(1, 20 * 60_000);
            price = Math.Max(1, price + (random.NextDouble() - 0.5));
            aggregator.OnTrade(0, time, price, random.Next(1, 10), sink);
        }

        var minutes = sink.Closed.Where(c => c.Timeframe == Timeframe.M1).Select(c => c.Bar).ToList();
        foreach (var timeframe in Timeframes.All.Skip(1))
        {
            var closed = sink.Closed.Where(c => c.Timeframe == timeframe).Select(c => c.Bar).ToList();
            Assert.That(closed, Is.Not.Empty, timeframe.Name());
            foreach (var bar in closed)
            {
                var parts = minutes.Where(m => timeframe.BucketStart(m.OpenTimeMs) == bar.OpenTimeMs).ToList();
                Assert.That(parts, Is.Not.Empty);
                Assert.That(bar.Open, Is.EqualTo(parts[0].Open));
                Assert.That(bar.Close, Is.EqualTo(parts[^1].Close));
                Assert.That(bar.High, Is.EqualTo(parts.Max(p => p.High)));
                Assert.That(bar.Low, Is.EqualTo(parts.Min(p => p.Low)));
                Assert.That(bar.Volume, Is.EqualTo(parts.Sum(p => p.Volume)).Within(1e-9));
                Assert.That(bar.Trades, Is.EqualTo(parts.Sum(p => p.Trades)));
            }
        }
    }

    [Test]
    public void Aggregating_allocates_nothing()
    {
        var sink = new CountingSink();
        var aggregator = new BarAggregator(8, [.. Timeframes.All]);
        void Feed(long from, int count)
        {
            for (var i = 0; i < count; i++)
            {
                aggregator.OnTrade(i % 8, from + (i * 1_000L), 100 + (i % 17), 1, sink);
            }
        }

        Feed(0, 10_000);
        var before = GC.GetAllocatedBytesForCurrentThread();
        Feed(10_000_000L, 200_000);
        Assert.That(GC.GetAllocatedBytesForCurrentThread() - before, Is.Zero);
        Assert.That(sink.Count, Is.GreaterThan(0));
    }

    private sealed class CollectingSink : IBarSink
    {
        public List<(int Instrument, Timeframe Timeframe, OhlcvBar Bar)> Closed { get; } = [];

        public void OnBarClosed(int instrumentId, Timeframe timeframe, in OhlcvBar bar) => Closed.Add((instrumentId, timeframe, bar));
    }

    private sealed class CountingSink : IBarSink
    {
        public long Count { get; private set; }

        public void OnBarClosed(int instrumentId, Timeframe timeframe, in OhlcvBar bar) => Count++;
    }
}
