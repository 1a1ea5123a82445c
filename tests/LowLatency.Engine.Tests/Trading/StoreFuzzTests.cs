using System.Text.Json;
using LowLatency.Engine.Journal;
using LowLatency.Engine.State;

namespace LowLatency.Engine.Tests.Trading;

/// <summary>
/// Seeded random corruption of journal and snapshot files. Every start either refuses (a
/// <see cref="JournalCorruptException"/>) or reaches a state that is exactly a prefix of the live history (a torn
/// tail cut off, a bad snapshot skipped): never a silent wrong state.
/// </summary>
public sealed class StoreFuzzTests
{
    private const int Cases = 60;

    private string _directory = "";

    [SetUp]
    public void CreateDirectory() => _directory = Directory.CreateTempSubdirectory("ll-store-fuzz-").FullName;

    [TearDown]
    public void DeleteDirectory() => Directory.Delete(_directory, recursive: true);

    /// <summary>Records a live run's history through the journal it writes.</summary>
    private sealed class Recorder(ITradingJournal inner) : ITradingJournal
    {
        public List<TradingRecord> History { get; } = [];

        public void Append(in TradingRecord record)
        {
            History.Add(record);
            inner.Append(record);
        }

        public void Commit() => inner.Commit();
    }

    private static (List<TradingRecord> History, byte[] Journal, string[] SnapshotNames, byte[][] Snapshots) LiveRun(string directory, int snapshotEvery)
    {
        var live = JournalReplayTests.NewCore();
        List<TradingRecord> history;
        using (var store = new TradingStore(directory, new JournalOptions { SnapshotEveryRecords = snapshotEvery, JournalTicks = true }))
        {
            store.Open(live);
            var recorder = new Recorder(store);
            live.AttachJournal(recorder);
            JournalReplayTests.Drive(live, 400, 17);
            history = recorder.History;
            store.Snapshots!.WaitIdle(TimeSpan.FromSeconds(30));
        }

        var snapshots = SnapshotWriter.Files(Path.Combine(directory, "snapshots")).ToArray();
        return (history, File.ReadAllBytes(Path.Combine(directory, "journal", "trading.journal")), [.. snapshots.Select(Path.GetFileName)!], [.. snapshots.Select(File.ReadAllBytes)]);
    }

    private static string Replayed(IEnumerable<TradingRecord> records)
    {
        var core = JournalReplayTests.NewCore();
        foreach (var record in records)
        {
            core.Apply(record);
        }

        return JsonSerializer.Serialize(core.Capture(), TradingCore.SnapshotJson);
    }

    [Test]
    public void Random_damage_to_journal_and_snapshots_is_refused_or_recovered_to_an_exact_prefix_never_silently_wrong()
    {
        var (history, journal, names, snapshots) = LiveRun(Path.Combine(_directory, "live"), snapshotEvery: 150);
        Assert.That(names, Has.Length.EqualTo(2), "two snapshots kept");
        var random = new Random(5);
        int refused = 0, recovered = 0, skippedSnapshots = 0;
        for (var i = 0; i < Cases; i++)
        {
            var directory = Path.Combine(_directory, $"case-{i}");
            Directory.CreateDirectory(Path.Combine(directory, "journal"));
            Directory.CreateDirectory(Path.Combine(directory, "snapshots"));
            var damagedJournal = (byte[])journal.Clone();
            var damagedSnapshots = snapshots.Select(s => (byte[])s.Clone()).ToArray();
            switch (random.Next(5))
            {
                case 0: // flipped bytes anywhere in the journal
                    for (var n = random.Next(1, 4); n > 0; n--)
                    {
                        damagedJournal[random.Next(damagedJournal.Length)] ^= (byte)random.Next(1, 256);
                    }

                    break;
                case 1: // cut at any byte
                    damagedJournal = damagedJournal[..random.Next(damagedJournal.Length)];
                    break;
                case 2: // garbage appended
                    var garbage = new byte[random.Next(1, 500)];
                    random.NextBytes(garbage);
                    damagedJournal = [.. damagedJournal, .. garbage];
                    break;
                case 3: // a flipped byte in a snapshot
                    var s = damagedSnapshots[random.Next(damagedSnapshots.Length)];
                    s[random.Next(s.Length)] ^= (byte)random.Next(1, 256);
                    break;
                default: // a snapshot cut short
                    var k = random.Next(damagedSnapshots.Length);
                    damagedSnapshots[k] = damagedSnapshots[k][..random.Next(damagedSnapshots[k].Length)];
                    break;
            }

            File.WriteAllBytes(Path.Combine(directory, "journal", "trading.journal"), damagedJournal);
            for (var n = 0; n < names.Length; n++)
            {
                File.WriteAllBytes(Path.Combine(directory, "snapshots", names[n]), damagedSnapshots[n]);
            }

            var core = JournalReplayTests.NewCore();
            try
            {
                using var store = new TradingStore(directory);
                var report = store.Open(core);
                skippedSnapshots += report.SkippedSnapshots.Count;
            }
            catch (JournalCorruptException e)
            {
                Assert.That(e.Message, Does.Contain("trading.journal"), $"case {i}: the refusal names the file");
                refused++;
                continue;
            }

            Assert.That(core.Sequence, Is.InRange(0, history.Count), $"case {i}");
            Assert.That(JsonSerializer.Serialize(core.Capture(), TradingCore.SnapshotJson), Is.EqualTo(Replayed(history.Take((int)core.Sequence))), $"case {i}: an exact prefix of the live history");
            recovered++;
        }

        TestContext.Out.WriteLine($"store fuzz: {Cases} damaged data directories, {refused} refused, {recovered} recovered to a prefix, {skippedSnapshots} snapshots skipped");
        Assert.That((refused, recovered, skippedSnapshots), Is.Not.EqualTo((0, 0, 0)));
        Assert.That(refused, Is.Positive, "corruption in the middle happened and was refused");
        Assert.That(skippedSnapshots, Is.Positive, "damaged snapshots happened and were skipped");
    }
}
