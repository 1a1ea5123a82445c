using LowLatency.Analytics;
using LowLatency.Engine.MarketData;
using LowLatency.Ipc.Server;

namespace LowLatency.Bridge.Tests.Ipc;

public sealed class BarHistoryTests
{
    private static OhlcvBar Minute(int i) => new() { OpenTimeMs = i * 60_000L, Open = i, High = i + 1, Low = i - 1, Close = i, Volume = 1 };

    [Test]
    public void Keeps_the_newest_bars_per_instrument_oldest_first()
    {
        var history = new BarHistory(instruments: 2, capacity: 3);
        for (var i = 1; i <= 5; i++)
        {
            history.Add(0, Minute(i));
        }

        history.Add(1, Minute(100));
        Assert.That(history.Capacity, Is.EqualTo(3));
        Assert.That(Enumerable.Range(0, history.Count(0)).Select(i => history[0, i].OpenTimeMs / 60_000), Is.EqualTo(new long[] { 3, 4, 5 }));
        Assert.That(history.Count(1), Is.EqualTo(1));
        Assert.That(history[1, 0].Close, Is.EqualTo(100));
        Assert.Throws<ArgumentOutOfRangeException>(() => _ = history[1, 1]);
    }

    [Test]
    public void A_capacity_of_zero_keeps_nothing()
    {
        var history = new BarHistory(instruments: 1, capacity: 0);
        history.Add(0, Minute(1));
        Assert.That(history.Count(0), Is.Zero);
    }
}
