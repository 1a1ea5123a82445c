using System.Text;
using LowLatency.Fix.MarketData;
using LowLatency.Fix.Wire;

namespace LowLatency.Fix.Tests.MarketData;

/// <summary>
/// Books built from W and X messages as FIX 4.2/4.4 lay them out: levels by MDEntryID and by position, changes
/// that rename a level (MDEntryRefID), and the signs of a lost update (an RptSeq skipped, an entry the book does
/// not hold) that invalidate the book until the next snapshot; entries with zero, negative or non-numeric prices are refused.
/// </summary>
[TestFixture]
public sealed class MarketDataBookTests
{
    [Test]
    public void A_snapshot_then_increments_by_id_keep_the_levels_best_first()
    {
        var book = new MarketDataBook(10);
        Snapshot(book, "262=MD0.1|55=EUR/USD|83=7|268=3|269=0|270=1.1000|271=2000000|278=b1|269=1|270=1.1002|271=1000000|278=s1|269=0|270=1.0999|271=5000000|278=b2");
        Assert.That(book.Valid, Is.True);
        Assert.That((book.Bids.Count, book.Bids.PriceAt(0), book.Bids.PriceAt(1), book.Offers.PriceAt(0)), Is.EqualTo((2, 1.1000m, 1.0999m, 1.1002m)));

        // A better bid, the best offer's size changed, the old best bid deleted.
        var outcomes = Increment(book, "262=MD0.1|268=3|279=0|269=0|278=b3|55=EUR/USD|270=1.1001|271=1000000|83=8|279=1|269=1|278=s1|55=EUR/USD|270=1.1002|271=3000000|83=9|279=2|269=0|278=b1|55=EUR/USD|83=10");
        Assert.That(outcomes, Is.All.EqualTo(BookOutcome.Applied));
        Assert.That((book.Bids.Count, book.Bids.PriceAt(0), book.Bids.SizeAt(0), book.Bids.PriceAt(1)), Is.EqualTo((2, 1.1001m, 1000000m, 1.0999m)));
        Assert.That((book.Offers.Count, book.Offers.SizeAt(0)), Is.EqualTo((1, 3000000m)));
        Assert.That(book.Valid, Is.True);
    }

    [Test]
    public void Positional_updates_shift_the_levels_as_the_venue_numbers_them()
    {
        var book = new MarketDataBook(10);
        Snapshot(book, "55=XAUUSD|268=2|269=0|270=2400.10|271=5|290=1|269=0|270=2400.00|271=7|290=2");
        Increment(book, "268=1|279=0|269=0|55=XAUUSD|270=2400.20|271=1|290=1");
        Assert.That(Levels(book.Bids), Is.EqualTo(new[] { 2400.20m, 2400.10m, 2400.00m }));
        Increment(book, "268=2|279=2|269=0|55=XAUUSD|290=2|279=1|269=0|55=XAUUSD|270=2400.00|271=9|290=2");
        Assert.That(Levels(book.Bids), Is.EqualTo(new[] { 2400.20m, 2400.00m }));
        Assert.That(book.Bids.SizeAt(1), Is.EqualTo(9m));
    }

    [Test]
    public void A_change_that_renames_a_level_finds_it_by_its_reference_and_a_moved_price_resorts_it()
    {
        var book = new MarketDataBook(10);
        Snapshot(book, "55=BTC-USD|268=2|269=1|270=101|271=1|278=a|269=1|270=102|271=1|278=b");
        Assert.That(Increment(book, "268=1|279=1|269=1|278=c|280=a|55=BTC-USD|270=103|271=4"), Is.EqualTo(new[] { BookOutcome.Applied }));
        Assert.That(Levels(book.Offers), Is.EqualTo(new[] { 102m, 103m }));
        Assert.That(Increment(book, "268=1|279=2|269=1|278=c|55=BTC-USD"), Is.EqualTo(new[] { BookOutcome.Applied }), "found under its new id");
        Assert.That(Levels(book.Offers), Is.EqualTo(new[] { 102m }));
    }

    [Test]
    public void A_skipped_RptSeq_or_an_unknown_entry_means_a_lost_update_and_the_book_waits_for_a_snapshot()
    {
        var book = new MarketDataBook(10);
        Snapshot(book, "55=BTC-USD|83=4|268=2|269=0|270=100|271=1|278=b|269=1|270=101|271=1|278=s");
        Assert.That(Increment(book, "268=1|279=1|269=0|278=b|55=BTC-USD|270=100|271=2|83=4"), Is.EqualTo(new[] { BookOutcome.Ignored }), "already in the snapshot");
        Assert.That(Increment(book, "268=1|279=1|269=0|278=b|55=BTC-USD|270=100|271=3|83=6"), Is.EqualTo(new[] { BookOutcome.Gap }));
        Assert.That(book.Valid, Is.False);

        Snapshot(book, "55=BTC-USD|83=6|268=2|269=0|270=100|271=3|278=b|269=1|270=101|271=1|278=s");
        Assert.That(book.Valid, Is.True, "a snapshot rebuilds it");
        Assert.That(Increment(book, "268=1|279=2|269=1|278=gone|55=BTC-USD"), Is.EqualTo(new[] { BookOutcome.UnknownEntry }), "FIX 4.2: no RptSeq, but a delete of an entry the book never had");
        Assert.That(book.Valid, Is.False);
    }

    [TestCase("270=0|271=1")]
    [TestCase("270=-5|271=1")]
    [TestCase("270=NaN|271=1")]
    [TestCase("270=abc|271=1")]
    [TestCase("271=1")]
    [TestCase("270=100|271=-1")]
    public void Entries_without_a_positive_price_and_size_are_refused_and_change_nothing(string fields)
    {
        var book = new MarketDataBook(10);
        Snapshot(book, "55=BTC-USD|268=1|269=0|270=100|271=1|278=b");
        Assert.That(Increment(book, $"268=1|279=0|269=0|278=x|55=BTC-USD|{fields}"), Is.EqualTo(new[] { BookOutcome.BadEntry }));
        Assert.That((book.Valid, Levels(book.Bids)), Is.EqualTo((true, new[] { 100m })));
    }

    [Test]
    public void Trades_set_the_last_price_and_other_entry_types_are_skipped()
    {
        var book = new MarketDataBook(4);
        Snapshot(book, "55=BTC-USD|268=1|269=0|270=100|271=1|278=b");
        var outcomes = Increment(book, "268=2|279=0|269=2|278=t1|55=BTC-USD|270=100.5|271=0.25|279=0|269=4|278=o|55=BTC-USD|270=99|271=1");
        Assert.That(outcomes, Is.EqualTo(new[] { BookOutcome.Trade, BookOutcome.Ignored }));
        Assert.That((book.LastTradePrice, book.LastTradeSize, book.Bids.Count), Is.EqualTo((100.5m, 0.25m, 1)));
    }

    [Test]
    public void More_levels_than_the_book_holds_invalidate_it()
    {
        var book = new MarketDataBook(2);
        Snapshot(book, "55=X|268=2|269=0|270=100|271=1|278=a|269=0|270=99|271=1|278=b");
        Assert.That(Increment(book, "268=1|279=0|269=0|278=c|55=X|270=98|271=1"), Is.EqualTo(new[] { BookOutcome.Overflow }));
        Assert.That(book.Valid, Is.False);
    }

    [Test]
    public void The_reader_stops_at_the_trailer_and_reads_each_entry_in_place()
    {
        var raw = Message("X", "262=MD3.9|268=2|279=0|269=1|278=s|55=ETH-USD|270=3000.5|271=2|83=1|9999=x|279=2|269=1|278=s|55=ETH-USD|83=2");
        var reader = new MdEntryReader(new FixMessageView(raw), incremental: true);
        Assert.That(reader.Count, Is.EqualTo(2));
        Assert.That(reader.TryNext(out var first), Is.True);
        Assert.That((first.Action, first.Type, first.Price, first.Size, first.RptSeq, Encoding.ASCII.GetString(first.Id), Encoding.ASCII.GetString(first.Symbol)),
            Is.EqualTo(((byte)'0', (byte)'1', 3000.5m, 2m, 1L, "s", "ETH-USD")));
        Assert.That(reader.TryNext(out var second), Is.True);
        Assert.That((second.Action, second.HasPrice, second.RptSeq), Is.EqualTo(((byte)'2', false, 2L)));
        Assert.That(reader.TryNext(out _), Is.False, "the checksum is not an entry");
    }

    private static decimal[] Levels(BookSide side) => [.. Enumerable.Range(0, side.Count).Select(side.PriceAt)];

    private static void Snapshot(MarketDataBook book, string fields)
    {
        var raw = Message("W", fields);
        var view = new FixMessageView(raw);
        book.BeginSnapshot(view.TryGetLong(Tag.RptSeq, out var seq) ? seq : -1);
        var reader = new MdEntryReader(view, incremental: false);
        while (reader.TryNext(out var entry))
        {
            Assert.That(book.Apply(entry), Is.EqualTo(BookOutcome.Applied));
        }
    }

    private static List<BookOutcome> Increment(MarketDataBook book, string fields)
    {
        var raw = Message("X", fields);
        var reader = new MdEntryReader(new FixMessageView(raw), incremental: true);
        var outcomes = new List<BookOutcome>();
        while (reader.TryNext(out var entry))
        {
            outcomes.Add(book.Apply(entry));
        }

        return outcomes;
    }

    private static byte[] Message(string type, string fields) =>
        Encoding.ASCII.GetBytes($"8=FIX.4.4|9=0|35={type}|49=QF|56=LL|34=2|{fields}|10=000|".Replace('|', '\u0001'));
}
