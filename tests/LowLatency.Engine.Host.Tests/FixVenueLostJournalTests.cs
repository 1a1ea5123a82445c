using LowLatency.Engine.Execution;
using LowLatency.Engine.Host.Configuration;
using LowLatency.Engine.Portfolio;
using LowLatency.Engine.Risk;
using LowLatency.Engine.State;
using LowLatency.Fix.Session;
using LowLatency.QuickFix;

namespace LowLatency.Engine.Host.Tests;

/// <summary>
/// The order left, then the journal lost what the fsync had not yet covered (a power cut after the record was
/// written but before it was synced), or all of it. On restart the session's store still shows the order sent:
/// trading waits for the logon's reconciliation, the venue is asked about the order and it is cancelled there,
/// the engine keeps running flat, and the next order's ClOrdID (a new incarnation) is not the lost one's. In FIX
/// 4.2 too, where no mass status would find it.
/// </summary>
[TestFixture("FIX.4.2")]
[TestFixture("FIX.4.4")]
[NonParallelizable]
public sealed class FixVenueLostJournalTests(string beginString) : AcceptorTests(AcceptorKind.Book, beginString, "LLENGINE")
{
    private static readonly string[] NotTheJournal = ["fix", "acceptor", "no-strategies", "incarnation", "journal-before"];

    [Test]
    public async Task An_order_in_the_lost_unsynced_tail_is_cancelled_at_the_venue_and_its_ClOrdID_never_reused()
    {
        // A first run leaves a journal with one finished order; a second run's order is the tail the power cut takes.
        using (var engine = Start())
        {
            await Reconciled(engine);
            engine.SubmitLimitAtTheTouch(correlation: 1, Side.Buy);
            Assert.That(await Acceptor.WaitForLogAsync($"\u000111={engine.Id(1)}\u0001", Wait, count: 2), Is.True, "the first order rests on the book");
            engine.Cancel(1);
            engine.WaitFor(() => engine.Core.Orders.WorkingCount == 0, "the first order cancelled");
        }

        Directory.CreateDirectory(Path.Combine(Data, "journal-before"));
        MoveJournal(Data, Path.Combine(Data, "journal-before"), copy: true);
        string lost;
        using (var engine = Start())
        {
            await Reconciled(engine);
            engine.SubmitLimitAtTheTouch(correlation: 2, Side.Buy);
            lost = engine.Id(2);
            Assert.That(await Acceptor.WaitForLogAsync($"\u000111={lost}\u0001", Wait, count: 2), Is.True, "the second order rests on the book");
        }

        MoveJournal(Path.Combine(Data, "journal-before"), Data, copy: false); // the tail since the first run's end is gone
        await RestartAndFindTheForgottenOrder(lost, expectedNextId: 2);
    }

    [Test]
    public async Task An_order_of_a_wholly_lost_journal_is_cancelled_at_the_venue_and_its_ClOrdID_never_reused()
    {
        string lost;
        using (var engine = Start())
        {
            await Reconciled(engine);
            engine.SubmitLimitAtTheTouch(correlation: 1, Side.Buy);
            lost = engine.Id(1);
            Assert.That(await Acceptor.WaitForLogAsync($"\u000111={lost}\u0001", Wait, count: 2), Is.True, "the order rests on the book");
        }

        foreach (var entry in JournalEntries(Data))
        {
            Delete(entry);
        }

        await RestartAndFindTheForgottenOrder(lost, expectedNextId: 1);
    }

    private async Task RestartAndFindTheForgottenOrder(string lost, long expectedNextId)
    {
        using var engine = Start();
        var venue = engine.Host.Venues.Single();
        Assert.That(await venue.Session.WaitForAsync(s => s == FixSessionState.Active, Wait), Is.True, venue.Session.LastEvent);
        Assert.That(await Acceptor.WaitForLogAsync($"\u000141={lost}\u0001", Wait, count: 2), Is.True, "the forgotten order cancelled by its ClOrdID, and the book confirmed it");
        await Reconciled(engine);
        Assert.That(venue.OrphansCancelled, Is.GreaterThanOrEqualTo(1));

        engine.SubmitLimitAtTheTouch(correlation: 9, Side.Buy);
        var next = engine.Id(expectedNextId);
        Assert.That(next, Is.Not.EqualTo(lost), "a new incarnation: the same order id, another ClOrdID");
        Assert.That(await Acceptor.WaitForLogAsync($"\u000111={next}\u0001", Wait, count: 2), Is.True, "the new order reached the book");
        Assert.Multiple(() =>
        {
            Assert.That(engine.Core.Status, Is.EqualTo(TradingStatus.Running), engine.Core.StatusReason.ToString());
            Assert.That(engine.Lots("BTC-USD"), Is.Zero);
            var ordered = SentOrderIds();
            Assert.That(ordered, Is.Unique, "no ClOrdID twice at the venue");
        });
    }

    /// <summary>The ClOrdIDs of every NewOrderSingle the venue received (one log line per message).</summary>
    private List<string> SentOrderIds() =>
        [.. Acceptor.Log.Split('\n').Where(l => l.Contains("\u000135=D\u0001", StringComparison.Ordinal) && l.Contains("\u000149=LLENGINE\u0001", StringComparison.Ordinal))
            .Select(l => l[(l.IndexOf("\u000111=", StringComparison.Ordinal) + 4)..]).Select(v => v[..v.IndexOf('\u0001', StringComparison.Ordinal)])];

    private RunningEngine Start()
    {
        var config = RunningEngine.OnFix(Data, "book", Acceptor.Port);
        var session = config.Venues.Fix["book"] with { BeginString = BeginString };
        return RunningEngine.Start(config with { Venues = config.Venues with { Fix = new Dictionary<string, FixSessionConfig> { ["book"] = session } } }, Data);
    }

    private static async Task Reconciled(RunningEngine engine)
    {
        var venue = engine.Host.Venues.Single();
        Assert.That(await venue.Session.WaitForAsync(s => s == FixSessionState.Active, Wait), Is.True, venue.Session.LastEvent);
        engine.WaitFor(() => venue.Reconciled, "the venue reconciled");
    }

    /// <summary>The engine's journal and snapshots: everything in the data directory but the FIX store, the acceptor's, and the incarnation (synced before the first order: a power cut keeps it).</summary>
    private static List<FileSystemInfo> JournalEntries(string directory) =>
        new DirectoryInfo(directory).EnumerateFileSystemInfos().Where(e => !NotTheJournal.Contains(e.Name)).ToList();

    private static void MoveJournal(string from, string to, bool copy)
    {
        foreach (var entry in JournalEntries(to).Where(_ => !copy))
        {
            Delete(entry);
        }

        foreach (var entry in JournalEntries(from))
        {
            Copy(entry, Path.Combine(to, entry.Name));
        }
    }

    private static void Copy(FileSystemInfo entry, string target)
    {
        if (entry is FileInfo file)
        {
            file.CopyTo(target, overwrite: true);
            return;
        }

        Directory.CreateDirectory(target);
        foreach (var child in ((DirectoryInfo)entry).EnumerateFileSystemInfos())
        {
            Copy(child, Path.Combine(target, child.Name));
        }
    }

    private static void Delete(FileSystemInfo entry)
    {
        if (entry is DirectoryInfo directory)
        {
            directory.Delete(recursive: true);
        }
        else
        {
            entry.Delete();
        }
    }
}
