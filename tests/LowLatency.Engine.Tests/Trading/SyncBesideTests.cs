using LowLatency.Engine.Execution;
using LowLatency.Engine.Journal;
using LowLatency.Engine.State;
using LowLatency.Engine.Tests.Support;

namespace LowLatency.Engine.Tests.Trading;

/// <summary>
/// The journal synced beside the trading thread: a batch's orders leave once it is written; its acknowledgements
/// wait for the sync (unless <c>beforeAck: written</c>), and the venue's confirmations of applied reports always
/// do, so a crash that loses the unsynced tail makes the venue resend what the journal lost. The sync here is the
/// test's hand, so every step is deterministic.
/// </summary>
public sealed class SyncBesideTests
{
    [Test]
    public void Orders_leave_when_written_and_acknowledgements_wait_for_the_sync()
    {
        var (f, journal) = Beside(DurabilityPoint.Synced);
        var durablesBefore = f.Venue.Durables;
        var id = f.WorkingOrder();
        Assert.Multiple(() =>
        {
            Assert.That((f.Venue.Submitted.Count, f.Venue.Durables > durablesBefore), Is.EqualTo((1, true)), "handed to the venue and released to go");
            Assert.That(f.Records.Any(r => r.OrderId == id), Is.False, "not acknowledged: nothing synced yet");
        });

        journal.Synced = journal.Written;
        f.Core.OnJournalSynced(journal.Synced);
        Assert.That(f.Records.Single(r => r.OrderId == id).Type, Is.EqualTo(RecordType.OrderAccepted), "acknowledged once synced");
    }

    [Test]
    public void A_report_is_confirmed_to_the_venue_only_once_its_records_are_synced_whatever_the_ack_policy()
    {
        var (f, journal) = Beside(DurabilityPoint.Written);
        var id = f.WorkingOrder();
        Assert.That(f.Records.Any(r => r.OrderId == id), Is.True, "beforeAck written: acknowledged at once");

        f.Report(id, VenueOutcome.Working, cumulative: 400);
        Assert.That(f.Venue.Tokens, Is.Empty, "the fill is journalled but not synced: the venue must still be able to resend it");
        var firstBatch = journal.Written;
        f.Report(id, VenueOutcome.Working, cumulative: 600);

        f.Core.OnJournalSynced(firstBatch); // a sync that covers only the first report's batch
        Assert.That(f.Venue.Tokens, Is.EqualTo(new long[] { 1 }));
        journal.Synced = journal.Written;
        f.Core.OnJournalSynced(journal.Synced);
        Assert.That(f.Venue.Tokens, Is.EqualTo(new long[] { 1, 2 }), "in order, as far as synced");
    }

    [Test]
    public void A_batch_with_nothing_to_journal_confirms_at_once_when_all_before_it_is_synced()
    {
        var (f, journal) = Beside(DurabilityPoint.Synced);
        journal.Synced = journal.Written;
        f.Core.ApplyVenueReport(new VenueReport { OrderId = 0, InstrumentId = RemoteVenueFixture.Btc, Token = 7 }); // a message with no effect
        f.Core.Commit();
        Assert.That(f.Venue.Tokens, Is.EqualTo(new long[] { 7 }), "no record, so no sync to wait for");
    }

    [Test]
    public void The_store_s_syncer_reports_the_written_position_synced_and_a_restart_replays_it()
    {
        var directory = Directory.CreateTempSubdirectory("ll-syncbeside-").FullName;
        try
        {
            var f = new TradingFixture();
            using var synced = new System.Collections.Concurrent.BlockingCollection<long>();
            long written;
            using (var store = new TradingStore(directory, new JournalOptions { SnapshotEveryRecords = 0 }))
            {
                store.Open(f.Core);
                store.AttachSyncer(synced.Add);
                f.Core.SyncBeside(DurabilityPoint.Synced);
                f.Quote("BTC-USD", 65_000m, 65_001m);
                f.Run(LowLatency.Engine.Commands.CommandType.Start);
                Assert.That(f.Submit("BTC-USD", LowLatency.Engine.Portfolio.Side.Buy, 0.1m, OrderType.Limit, limit: 60_000m).Reason, Is.EqualTo(LowLatency.Engine.Risk.RejectReason.None));
                written = store.Write();
                Assert.That(f.Results, Is.Empty, "no acknowledgement before the sync");
                long position = 0;
                while (position < written)
                {
                    Assert.That(synced.TryTake(out position, TimeSpan.FromSeconds(10)), Is.True, "the syncer's word, batch by batch, in order");
                }

                Assert.That((position, store.DurablePosition, store.SyncError), Is.EqualTo((written, written, (string?)null)));
                f.Core.OnJournalSynced(position);
                Assert.That(f.Results, Has.Count.EqualTo(2), "both commands acknowledged after the sync");
            }

            var restarted = new TradingFixture();
            using var again = new TradingStore(directory);
            again.Open(restarted.Core);
            Assert.That((restarted.Core.Sequence, restarted.Core.Orders.WorkingCount), Is.EqualTo((f.Core.Sequence, 1)), "what was synced beside is what a restart replays");
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    private static (RemoteVenueFixture Fixture, ManualSyncJournal Journal) Beside(DurabilityPoint beforeAck)
    {
        var f = new RemoteVenueFixture();
        var journal = new ManualSyncJournal();
        f.Core.AttachJournal(journal);
        f.Core.SyncBeside(beforeAck);
        return (f, journal);
    }

    /// <summary>A journal whose position is its record count and whose sync the test performs.</summary>
    private sealed class ManualSyncJournal : ITradingJournal
    {
        private long _appended;

        public long Written { get; private set; }

        public long Synced { get; set; }

        public long DurablePosition => Synced;

        public void Append(in TradingRecord record) => _appended++;

        public void Commit() => throw new InvalidOperationException("syncing beside: the core writes, it does not commit");

        public long Write() => Written = _appended;
    }
}
