using LowLatency.Engine.MarketData;
using LowLatency.Engine.Tests.Support;

namespace LowLatency.Engine.Tests.MarketData;

public sealed class CsvTickSourceTests
{
    private string _file = "";

    [SetUp]
    public void CreateFile() => _file = Path.GetTempFileName();

    [TearDown]
    public void DeleteFile() => File.Delete(_file);

    private List<Tick> Read(string text, long from = long.MinValue, long to = long.MaxValue)
    {
        File.WriteAllText(_file, text);
        using var source = new CsvTickSource(_file, TradingFixture.Instrument("BTC-USD"), from, to);
        var ticks = new List<Tick>();
        var tick = default(Tick);
        while (source.TryNext(ref tick))
        {
            ticks.Add(tick);
        }

        Assert.That(source.Progress, Is.EqualTo(1));
        return ticks;
    }

    [Test]
    public void Tick_rows_become_ticks_in_ticks_and_lots()
    {
        var ticks = Read("timestamp,bid,ask,last,size\n1700000000000,60000.00,60000.50,60000.25,0.5\n2023-11-14T22:13:21Z,60001,60002,60001.5,1\n");
        Assert.That(ticks, Has.Count.EqualTo(2));
        Assert.That((ticks[0].TimestampMs, ticks[0].BidTicks, ticks[0].AskTicks, ticks[0].LastTicks, ticks[0].SizeLots), Is.EqualTo((1_700_000_000_000L, 6_000_000L, 6_000_050L, 6_000_025L, 5000L)));
        Assert.That(ticks[1].TimestampMs, Is.EqualTo(1_700_000_001_000L));
    }

    [Test]
    public void A_bar_becomes_open_nearer_extreme_other_extreme_close_across_its_duration()
    {
        var ticks = Read("timestamp,open,high,low,close,volume\n1700000000000,100,110,99,105,4\n1700000060000,105,106,90,91,4\n", 0, long.MaxValue);
        Assert.That(ticks.Select(t => t.LastTicks / 100), Is.EqualTo(new long[] { 100, 99, 110, 105, 105, 106, 90, 91 }));
        Assert.That(ticks.Select(t => t.TimestampMs - 1_700_000_000_000L).Take(4), Is.EqualTo(new long[] { 0, 15_000, 30_000, 45_000 }));
    }

    [Test]
    public void Rows_outside_the_range_are_skipped()
    {
        var ticks = Read("timestamp,bid,ask,last,size\n1000,1,2,1,1\n2000,1,2,1,1\n3000,1,2,1,1\n", 2000, 3000);
        Assert.That(ticks.Select(t => t.TimestampMs), Is.EqualTo(new long[] { 2000 }));
    }

    [TestCase("time,price\n", ":1: header")]
    [TestCase("timestamp,bid,ask,last,size\n1000,1,2,1\n", ":2: 4 fields")]
    [TestCase("timestamp,bid,ask,last,size\nyesterday,1,2,1,1\n", ":2: 'yesterday'")]
    [TestCase("timestamp,bid,ask,last,size\n1000,3,2,1,1\n", ":2: bid above ask")]
    [TestCase("timestamp,bid,ask,last,size\n1000,-1,2,1,1\n", ":2: bid '-1'")]
    [TestCase("timestamp,bid,ask,last,size\n1000,NaN,2,1,1\n", ":2: bid 'NaN'")]
    [TestCase("timestamp,bid,ask,last,size\n2000,1,2,1,1\n1000,1,2,1,1\n", ":3: timestamp 1000 is not after")]
    [TestCase("timestamp,open,high,low,close,volume\n1000,100,101,99,102,1\n", ":2: high/low")]
    public void A_malformed_file_fails_with_the_line_and_why(string text, string why)
    {
        var error = Assert.Throws<FormatException>(() => Read(text));
        Assert.That(error!.Message, Does.Contain(why));
    }
}
