using System.Text.Json;
using LowLatency.Engine.Commands;
using LowLatency.Engine.MarketData;
using LowLatency.Engine.State;
using LowLatency.Engine.Tests.Support;

namespace LowLatency.Engine.Tests.Trading;

/// <summary>
/// Crashes simulated at the journal: a crash keeps only what was fsynced, optionally followed by a torn write (any
/// prefix of what was being written), and the engine restarts on what is left. Checked at every crash point:
/// every acknowledgement that left the engine is in the recovered state, the recovered state is exactly a prefix
/// of the live history, and no order id appears twice.
/// </summary>
public sealed class CrashRecoveryTests
{
    private string _directory = "";

    [SetUp]
    public void CreateDirectory() => _directory = Directory.CreateTempSubdirectory("ll-crash-").FullName;

    [TearDown]
    public void DeleteDirectory() => Directory.Delete(_directory, recursive: true);

    /// <summary>Passes records to the real store and remembers the live history and how much of the file each commit made durable.</summary>
    private sealed class DiskWatcher(TradingStore store) : ITradingJournal
    {
        public List<TradingRecord> History { get; } = [];

        public long DurableBytes { get; private set; }

        public void Append(in TradingRecord record)
        {
            History.Add(record);
            store.Append(record);
        }

        public void Commit()
        {
            store.Commit(); // fsync: everyBatch
            DurableBytes = new FileInfo(store.JournalPath).Length;
        }
    }

    /// <summary>What left the engine: the records and command results its listener was handed.</summary>
    private sealed class Acknowledgements : ITradingListener
    {
        public long LastRecord { get; private set; }

        public List<CommandResult> Results { get; } = [];

        public void OnRecord(in TradingRecord record) => LastRecord = record.Sequence;

        public void OnCommandResult(in CommandResult result) => Results.Add(result);

        public void OnSnapshot(StateSnapshot snapshot)
        {
        }
    }

    [TestCase(31)]
    [TestCase(32)]
    [TestCase(33)]
    public void After_a_crash_at_any_moment_every_acknowledgement_survives_and_the_state_is_a_prefix_of_the_live_history(int seed)
    {
        var random = new Random(seed);
        for (var attempt = 0; attempt < 8; attempt++)
        {
            var live = Path.Combine(_directory, $"live-{attempt}");
            var crashAfter = random.Next(20, 400);
            var midBatch = random.Next(2) == 0;
            var tornFraction = random.NextDouble();
            var (history, durable, acknowledged, results, written) = RunUntilCrash(live, seed * 100 + attempt, crashAfter, midBatch);

            // The disk after the crash: what was fsynced, then a torn prefix of whatever was being written.
            var torn = (int)((written.Length - durable) * tornFraction);
            var recovered = Path.Combine(_directory, $"recovered-{attempt}");
            Directory.CreateDirectory(Path.Combine(recovered, "journal"));
            File.WriteAllBytes(Path.Combine(recovered, "journal", "trading.journal"), written[..(int)(durable + torn)]);

            var core = JournalReplayTests.NewCore();
            using (var store = new TradingStore(recovered))
            {
                store.Open(core);
                var where = $"seed {seed}, crash {attempt} after step {crashAfter}{(midBatch ? " mid-batch" : "")}, torn {torn} bytes";
                Assert.That(core.Sequence, Is.GreaterThanOrEqualTo(acknowledged), $"{where}: every acknowledged record survives");
                Assert.That(core.Sequence, Is.LessThanOrEqualTo(history.Count), where);
                foreach (var result in results.Where(r => r.OrderId != 0))
                {
                    Assert.That(result.OrderId, Is.LessThanOrEqualTo(core.Orders.LastOrderId), $"{where}: acknowledged order {result.OrderId} is in the recovered state");
                }

                var prefix = JournalReplayTests.NewCore();
                foreach (var record in history.Take((int)core.Sequence))
                {
                    prefix.Apply(record);
                }

                Assert.That(JsonSerializer.Serialize(core.Capture(), TradingCore.SnapshotJson), Is.EqualTo(JsonSerializer.Serialize(prefix.Capture(), TradingCore.SnapshotJson)), $"{where}: exactly the live history's first {core.Sequence} records");
                var ids = core.Orders.Working.Concat(core.Orders.History).Select(o => o.Id).ToList();
                Assert.That(ids, Is.Unique, $"{where}: no duplicate order ids");

                // And it trades on from there: new orders take new ids.
                var before = core.Orders.LastOrderId;
                core.Execute(new Command { Type = CommandType.CancelAll, CorrelationId = 1 }, TradingFixture.T0 + 100_000_000);
                core.Commit();
                Assert.That(core.Orders.LastOrderId, Is.EqualTo(before));
            }
        }
    }

    /// <summary>Random ticks and commands on a journalled core until the crash point; the store is abandoned, not disposed (no shutdown snapshot).</summary>
    private static (List<TradingRecord> History, long DurableBytes, long Acknowledged, List<CommandResult> Results, byte[] Written) RunUntilCrash(string directory, int seed, int steps, bool midBatch)
    {
        var core = JournalReplayTests.NewCore();
        using var store = new TradingStore(directory, new JournalOptions { SnapshotEveryRecords = 0, JournalTicks = true });
        store.Open(core);
        var watcher = new DiskWatcher(store);
        var acknowledgements = new Acknowledgements();
        core.AttachJournal(watcher);
        core.AttachListener(acknowledgements);
        var random = new Random(seed);
        string[] symbols = ["BTC-USD", "ETH-USD", "USDJPY"];
        decimal[] mids = [60_000m, 3_000m, 150m];
        var now = TradingFixture.T0;
        core.Execute(new Command { Type = CommandType.Start, CorrelationId = 1 }, now);
        watcher.Commit();
        for (var step = 0; step < steps; step++)
        {
            now += random.Next(1, 40_000);
            var k = random.Next(symbols.Length);
            var instrument = TradingFixture.Instrument(symbols[k]);
            mids[k] *= 1 + ((decimal)random.NextDouble() - 0.5m) / 100;
            var mid = Math.Round(mids[k] / instrument.TickSize) * instrument.TickSize;
            var ticks = (long)(mid / instrument.TickSize);
            core.OnTick(new Tick { InstrumentId = instrument.Id, TimestampMs = now, BidTicks = ticks - 2, AskTicks = ticks + 2, LastTicks = ticks, SizeLots = random.Next(1, 500) });
            core.Execute(JournalReplayTests.RandomCommand(random, instrument, mid, core), now);
            if (step < steps - 1 || !midBatch)
            {
                watcher.Commit();
            }
        }

        // Crash: whatever the last batch appended reaches the file (to be torn) but was never durable or acknowledged.
        var durable = watcher.DurableBytes;
        var acknowledged = acknowledgements.LastRecord;
        var results = acknowledgements.Results.ToList();
        store.Commit();
        var written = File.ReadAllBytes(store.JournalPath);
        return (watcher.History, durable, acknowledged, results, written);
    }
}
