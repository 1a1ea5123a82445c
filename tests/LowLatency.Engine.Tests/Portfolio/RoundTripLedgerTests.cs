using LowLatency.Engine.Portfolio;

namespace LowLatency.Engine.Tests.Portfolio;

/// <summary>
/// The one pairing of fills into round trips (a backtest's trades, the portfolio page's closed positions), on
/// hand-computed fills: each trip's P&amp;L is the price move less its share of every fee.
/// </summary>
public sealed class RoundTripLedgerTests
{
    [Test]
    public void A_long_closed_in_one_fill_pays_both_fees()
    {
        var ledger = new RoundTripLedger(1);
        Assert.That(ledger.OnFill(0, buy: true, 2, 100, fee: 1, realized: -1, 1_000, 1), Is.Null, "an opening fill closes nothing");
        var trip = ledger.OnFill(0, buy: false, 2, 110, fee: 1.1m, realized: 20 - 1.1m, 2_000, 2)!.Value;
        Assert.That((trip.Long, trip.Quantity, trip.EntryPrice, trip.ExitPrice, trip.Pnl, trip.Fees, trip.EntryTimeMs, trip.ExitTimeMs),
            Is.EqualTo((true, 2m, 100m, 110m, 17.9m, 2.1m, 1_000L, 2_000L)), "20 gross less 2.1 of fees");
        Assert.That(trip.ReturnPercent, Is.EqualTo(10m));
        Assert.That(ledger.OpenEntryFees, Is.Zero);
        Assert.That(ledger.OpenedAtMs(0), Is.Zero, "flat");
    }

    [Test]
    public void A_fill_that_crosses_zero_closes_the_long_and_opens_a_short_its_fee_split_by_quantity()
    {
        var ledger = new RoundTripLedger(1);
        ledger.OnFill(0, buy: true, 1, 100, fee: 0.5m, realized: -0.5m, 1_000, 1);
        var closed = ledger.OnFill(0, buy: false, 3, 90, fee: 3, realized: -10 - 3, 2_000, 2)!.Value;
        Assert.That((closed.Quantity, closed.Pnl, closed.Fees), Is.EqualTo((1m, -11.5m, 1.5m)), "−10 gross, a third of the 3 fee, the 0.5 entry fee");
        Assert.That((ledger.OpenEntryFees, ledger.OpenedAtMs(0)), Is.EqualTo((2m, 2_000L)), "the other two thirds opened the short");
        var covered = ledger.OnFill(0, buy: true, 2, 80, fee: 1.6m, realized: 20 - 1.6m, 3_000, 3)!.Value;
        Assert.That((covered.Long, covered.EntryPrice, covered.Pnl, covered.Fees, covered.EntryTimeMs), Is.EqualTo((false, 90m, 16.4m, 3.6m, 2_000L)));
        Assert.That(covered.ReturnPercent, Is.EqualTo((80m / 90 - 1) * -100));
    }

    [Test]
    public void A_partial_close_takes_its_share_of_the_entry_fees_at_the_average_price()
    {
        var ledger = new RoundTripLedger(1);
        ledger.OnFill(0, buy: true, 1, 100, fee: 1, realized: -1, 1_000, 1);
        ledger.OnFill(0, buy: true, 1, 110, fee: 1, realized: -1, 1_500, 2);
        var trip = ledger.OnFill(0, buy: false, 1, 120, fee: 1, realized: 15 - 1, 2_000, 3)!.Value;
        Assert.That((trip.EntryPrice, trip.Pnl, trip.Fees, trip.EntryTimeMs), Is.EqualTo((105m, 13m, 2m, 1_000L)));
        Assert.That(ledger.OpenEntryFees, Is.EqualTo(1m), "half the entry fees stay with the unit still open");
    }

    [Test]
    public void A_position_taken_from_a_snapshot_has_no_known_fees_or_opening_time()
    {
        var ledger = new RoundTripLedger(2);
        ledger.Reconcile(1, 2, 100);
        var trip = ledger.OnFill(1, buy: false, 2, 110, fee: 0, realized: 20, 2_000, 9)!.Value;
        Assert.That((trip.InstrumentId, trip.Pnl, trip.EntryTimeMs), Is.EqualTo((1, 20m, 0L)));
        ledger.OnFill(0, buy: true, 1, 50, fee: 0.1m, realized: -0.1m, 3_000, 10);
        ledger.Reconcile(0, 1, 50);
        Assert.That((ledger.OpenEntryFees, ledger.OpenedAtMs(0)), Is.EqualTo((0.1m, 3_000L)), "the same position: what the fills booked stands");
    }
}
