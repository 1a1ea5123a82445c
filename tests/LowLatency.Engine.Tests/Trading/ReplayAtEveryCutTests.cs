using System.Text.Json;
using LowLatency.Engine.State;

namespace LowLatency.Engine.Tests.Trading;

/// <summary>
/// Property: the live core's state at every record boundary is exactly what replaying the records up to there
/// gives. Anything the live path changes outside <see cref="TradingCore.Apply"/> (a venue's private state, a
/// field set on an order) shows up here as a difference at some cut.
/// </summary>
public sealed class ReplayAtEveryCutTests
{
    /// <summary>Captures the live state each time a record is about to be applied: the state at that boundary.</summary>
    private sealed class CuttingJournal(Func<TradingCore> core) : ITradingJournal
    {
        public List<TradingRecord> Records { get; } = [];

        /// <summary>Entry k: the live state after the first k records.</summary>
        public List<string> StatesAtCuts { get; } = [];

        public void Append(in TradingRecord record)
        {
            StatesAtCuts.Add(JsonSerializer.Serialize(core().Capture(), TradingCore.SnapshotJson));
            Records.Add(record);
        }

        public void Commit()
        {
        }
    }

    [TestCase(21)]
    [TestCase(22)]
    public void Replaying_to_any_cut_gives_the_live_state_at_that_cut(int seed)
    {
        TradingCore? live = null;
        var journal = new CuttingJournal(() => live!);
        live = JournalReplayTests.NewCore();
        live.JournalTicks = true;
        live.AttachJournal(journal);
        JournalReplayTests.Drive(live, 600, seed);
        journal.StatesAtCuts.Add(JsonSerializer.Serialize(live.Capture(), TradingCore.SnapshotJson));
        Assert.That(live.FillCount, Is.GreaterThan(10), "the run should trade");
        Assert.That(journal.Records.Any(r => r.Type == RecordType.OrderRested), Is.True, "resting orders are part of the run");

        var replayed = JournalReplayTests.NewCore();
        for (var cut = 0; cut <= journal.Records.Count; cut++)
        {
            Assert.That(JsonSerializer.Serialize(replayed.Capture(), TradingCore.SnapshotJson), Is.EqualTo(journal.StatesAtCuts[cut]), $"state after {cut} of {journal.Records.Count} records");
            if (cut < journal.Records.Count)
            {
                replayed.Apply(journal.Records[cut]);
            }
        }
    }
}
