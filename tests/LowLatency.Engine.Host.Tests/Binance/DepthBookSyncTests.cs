using LowLatency.Binance;
using LowLatency.BinanceEmulator;

namespace LowLatency.Engine.Host.Tests.Binance;

/// <summary>Binance's rule for a local book ("How to manage a local order book correctly", spot and USDⓈ-M), diff by diff.</summary>
public sealed class DepthBookSyncTests
{
    private static DepthLevel Bid(decimal price, decimal quantity) => new(true, price, quantity);

    private static DepthLevel Ask(decimal price, decimal quantity) => new(false, price, quantity);

    private static DepthUpdate Spot(long first, long final) => new(first, final, -1, 0);

    private static DepthUpdate Futures(long first, long final, long previous) => new(first, final, previous, 0);

    private static readonly DepthLevel[] SnapshotLevels = [Bid(100m, 1m), Bid(99m, 2m), Ask(101m, 1m), Ask(102m, 3m)];

    [Test]
    public void Diffs_wait_for_the_snapshot_and_those_it_covers_are_dropped()
    {
        var sync = new DepthBookSync(BinanceMarket.Spot);
        Assert.That(sync.OnDiff(Spot(90, 95), [Bid(100m, 9m)]), Is.EqualTo(DepthSyncOutcome.Buffered));
        Assert.That(sync.OnDiff(Spot(96, 102), [Bid(100m, 5m)]), Is.EqualTo(DepthSyncOutcome.Buffered));
        Assert.That(sync.OnDiff(Spot(103, 104), [Ask(101m, 0m)]), Is.EqualTo(DepthSyncOutcome.Buffered));
        Assert.That(sync.Live, Is.False);

        Assert.That(sync.OnSnapshot(100, SnapshotLevels), Is.EqualTo(DepthSyncOutcome.Applied));
        Assert.That(sync.Live, Is.True);
        Assert.That(sync.LastUpdateId, Is.EqualTo(104));
        Assert.That((sync.Bids.PriceAt(0), sync.Bids.QuantityAt(0)), Is.EqualTo((100m, 5m)), "90–95 is in the snapshot; 96–102 straddles 101 and applies");
        Assert.That((sync.Asks.Count, sync.Asks.PriceAt(0)), Is.EqualTo((1, 102m)), "a zero quantity removes the level");
        Assert.That(sync.Problem, Is.Null);
    }

    [Test]
    public void Live_diffs_must_follow_each_other_and_a_break_makes_the_book_stale_until_a_new_snapshot()
    {
        var sync = new DepthBookSync(BinanceMarket.Spot);
        sync.OnSnapshot(100, SnapshotLevels);
        Assert.That(sync.OnDiff(Spot(101, 105), [Bid(100m, 7m)]), Is.EqualTo(DepthSyncOutcome.Applied));
        Assert.That(sync.OnDiff(Spot(99, 105), [Bid(100m, 8m)]), Is.EqualTo(DepthSyncOutcome.Ignored));
        Assert.That(sync.OnDiff(Spot(107, 110), [Bid(100m, 9m)]), Is.EqualTo(DepthSyncOutcome.Gap), "106 was lost");
        Assert.That(sync.Live, Is.False);
        Assert.That(sync.Resyncs, Is.EqualTo(1));
        Assert.That(sync.Problem, Does.Contain("107–110").And.Contain("105"));
        Assert.That(sync.Bids.QuantityAt(0), Is.EqualTo(7m), "the broken diff is not applied to the old book");

        Assert.That(sync.OnDiff(Spot(111, 112), [Ask(101m, 4m)]), Is.EqualTo(DepthSyncOutcome.Buffered));
        Assert.That(sync.OnSnapshot(108, [Bid(100m, 6m), Ask(101m, 1m)]), Is.EqualTo(DepthSyncOutcome.Applied), "the diff that broke the chain straddles the new snapshot");
        Assert.That((sync.Live, sync.LastUpdateId, sync.Bids.QuantityAt(0), sync.Asks.QuantityAt(0)), Is.EqualTo((true, 112L, 9m, 4m)));
    }

    [Test]
    public void A_snapshot_older_than_the_buffered_diffs_is_asked_for_again()
    {
        var sync = new DepthBookSync(BinanceMarket.Spot);
        sync.OnDiff(Spot(200, 205), [Bid(100m, 1m)]);
        Assert.That(sync.OnSnapshot(150, SnapshotLevels), Is.EqualTo(DepthSyncOutcome.SnapshotTooOld));
        Assert.That(sync.Live, Is.False);
        Assert.That(sync.OnSnapshot(202, SnapshotLevels), Is.EqualTo(DepthSyncOutcome.Applied), "the diffs stayed buffered");
        Assert.That(sync.LastUpdateId, Is.EqualTo(205));
    }

    [Test]
    public void A_gap_among_the_buffered_diffs_is_a_gap_not_a_wrong_book()
    {
        var sync = new DepthBookSync(BinanceMarket.Spot);
        sync.OnDiff(Spot(101, 103), [Bid(100m, 1m)]);
        sync.OnDiff(Spot(105, 106), [Bid(100m, 2m)]);
        Assert.That(sync.OnSnapshot(100, SnapshotLevels), Is.EqualTo(DepthSyncOutcome.Gap));
        Assert.That((sync.Live, sync.Resyncs), Is.EqualTo((false, 1)));
        Assert.That(sync.OnSnapshot(104, SnapshotLevels), Is.EqualTo(DepthSyncOutcome.Applied), "105–106 stayed buffered for the next snapshot");
        Assert.That((sync.LastUpdateId, sync.Bids.QuantityAt(0)), Is.EqualTo((106L, 2m)));
    }

    [Test]
    public void Futures_chain_on_the_previous_final_update_id()
    {
        var sync = new DepthBookSync(BinanceMarket.UsdMFutures);
        sync.OnDiff(Futures(95, 99, 90), [Bid(100m, 9m)]);
        sync.OnDiff(Futures(98, 104, 99), [Bid(100m, 4m)]);
        Assert.That(sync.OnSnapshot(100, SnapshotLevels), Is.EqualTo(DepthSyncOutcome.Applied), "U ≤ lastUpdateId ≤ u");
        Assert.That(sync.OnDiff(Futures(107, 110, 104), [Bid(100m, 3m)]), Is.EqualTo(DepthSyncOutcome.Applied), "futures ids may skip: pu links them");
        Assert.That(sync.OnDiff(Futures(113, 115, 112), [Bid(100m, 2m)]), Is.EqualTo(DepthSyncOutcome.Gap));
        Assert.That((sync.Bids.QuantityAt(0), sync.Resyncs), Is.EqualTo((3m, 1)));
    }

    [Test]
    public void A_full_side_keeps_its_best_levels()
    {
        var side = new PriceLevelSide(bids: true, capacity: 3);
        foreach (var price in new[] { 10m, 12m, 11m, 9m, 13m })
        {
            side.Set(price, 1m);
        }

        Assert.That(Enumerable.Range(0, side.Count).Select(side.PriceAt), Is.EqualTo(new[] { 13m, 12m, 11m }));
        side.Set(12m, 0m);
        side.Set(8m, 0m);
        Assert.That(Enumerable.Range(0, side.Count).Select(side.PriceAt), Is.EqualTo(new[] { 13m, 11m }));

        var asks = new PriceLevelSide(bids: false, capacity: 3);
        asks.Set(5m, 1m);
        asks.Set(4m, 2m);
        asks.Set(4m, 3m);
        Assert.That((asks.Count, asks.PriceAt(0), asks.QuantityAt(0)), Is.EqualTo((2, 4m, 3m)));
    }
}
