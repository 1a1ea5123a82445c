using System.Text.Json;
using LowLatency.Engine.Journal;
using LowLatency.Engine.State;

namespace LowLatency.Engine.Tests.Trading;

/// <summary>
/// The journal in segments: rotation at batch ends, replay across segments equal to the live state, retention
/// that deletes or archives only what no kept snapshot needs and the stream has published, and the refusals
/// (a gap between segments, a torn record in a segment others follow, a first segment no snapshot reaches).
/// </summary>
public sealed class JournalSegmentTests
{
    private const int RecordBytes = 8 + RecordCodec.Size;
    private string _directory = "";

    [SetUp]
    public void CreateDirectory() => _directory = Directory.CreateTempSubdirectory("ll-segments-").FullName;

    [TearDown]
    public void DeleteDirectory() => Directory.Delete(_directory, recursive: true);

    private string JournalDirectory => Path.Combine(_directory, "journal");

    private static string State(TradingCore core) => JsonSerializer.Serialize(core.Capture(), TradingCore.SnapshotJson);

    /// <summary>A run of <paramref name="steps"/> with segments of about <paramref name="recordsPerSegment"/> records; the shutdown snapshot is removed unless kept.</summary>
    private TradingCore Run(JournalOptions options, int steps = 400, int seed = 5, bool keepSnapshots = false)
    {
        var live = JournalReplayTests.NewCore();
        using (var store = new TradingStore(_directory, options))
        {
            store.Open(live);
            JournalReplayTests.Drive(live, steps, seed);
            Assert.That(store.Snapshots!.WaitIdle(TimeSpan.FromSeconds(30)), Is.True);
        }

        if (!keepSnapshots)
        {
            foreach (var snapshot in Directory.GetFiles(Path.Combine(_directory, "snapshots")))
            {
                File.Delete(snapshot);
            }
        }

        return live;
    }

    private static JournalOptions Small(int recordsPerSegment = 40) => new() { JournalTicks = true, SnapshotEveryRecords = 0, SegmentBytes = recordsPerSegment * RecordBytes };

    [Test]
    public void A_full_segment_ends_at_a_batch_and_the_next_is_named_by_its_first_record()
    {
        var live = Run(Small());
        var segments = JournalSegments.List(JournalDirectory);
        Assert.That(segments, Has.Count.GreaterThan(3), "rotated");
        var expectedFirst = 1L;
        foreach (var segment in segments)
        {
            Assert.That(segment.FirstSequence, Is.EqualTo(expectedFirst), Path.GetFileName(segment.Path));
            var bytes = File.ReadAllBytes(segment.Path);
            Assert.That(bytes.Length % RecordBytes, Is.Zero, "whole records only");
            Assert.That(RecordCodec.TryDecode(bytes.AsSpan(8, RecordCodec.Size), out var first, out _), Is.True);
            Assert.That(first.Sequence, Is.EqualTo(segment.FirstSequence), "the name says the first record");
            expectedFirst += bytes.Length / RecordBytes;
        }

        Assert.That(expectedFirst - 1, Is.EqualTo(live.Sequence), "every record in exactly one segment");
        Assert.That(Path.GetFileName(segments[0].Path), Is.EqualTo("trading.journal"), "the first keeps the unsegmented name");
    }

    [Test]
    public void A_restart_and_the_state_replay_across_segments_give_the_live_state()
    {
        var live = Run(Small());
        var replayed = JournalReplayTests.NewCore();
        TradingStore.Replay(JournalDirectory, replayed);
        var restarted = JournalReplayTests.NewCore();
        using (var store = new TradingStore(_directory, Small()))
        {
            var report = store.Open(restarted);
            Assert.That(report.RecordsReplayed, Is.EqualTo(live.Sequence));
            Assert.That(store.JournalPath, Is.EqualTo(JournalSegments.List(JournalDirectory)[^1].Path), "appends to the last segment");
        }

        Assert.Multiple(() =>
        {
            Assert.That(State(replayed), Is.EqualTo(State(live)));
            Assert.That(State(restarted), Is.EqualTo(State(live)));
        });
    }

    [Test]
    public void Delete_retention_keeps_only_what_the_older_snapshot_needs_and_a_restart_still_rebuilds_the_state()
    {
        var options = Small() with { SnapshotEveryRecords = 60, Retention = JournalRetention.Delete };
        var live = Run(options, steps: 900, keepSnapshots: true);
        var segments = JournalSegments.List(JournalDirectory);
        var snapshots = SnapshotWriter.Files(Path.Combine(_directory, "snapshots")).ToList();
        Assert.That(SnapshotWriter.TrySequenceOf(snapshots[0], out var oldest), Is.True);
        Assert.Multiple(() =>
        {
            Assert.That(segments[0].FirstSequence, Is.GreaterThan(1), "old segments deleted");
            Assert.That(segments[0].FirstSequence, Is.LessThanOrEqualTo(oldest), "the older snapshot's record is still held");
            Assert.That(Directory.Exists(Path.Combine(_directory, "journal-archive")), Is.False);
        });

        var read = JournalReplayTests.NewCore();
        new TradingStore(_directory, options).Read(read); // the state command's way: the snapshot, then the segments after it
        var restarted = JournalReplayTests.NewCore();
        using (var store = new TradingStore(_directory, options))
        {
            store.Open(restarted);
        }

        Assert.Multiple(() =>
        {
            Assert.That(State(read), Is.EqualTo(State(live)));
            Assert.That(State(restarted), Is.EqualTo(State(live)));
        });
    }

    [Test]
    public void Archived_segments_with_the_kept_ones_are_the_whole_journal()
    {
        var options = Small() with { SnapshotEveryRecords = 60, Retention = JournalRetention.Archive };
        var live = Run(options, steps: 900, keepSnapshots: true);
        var archive = Path.Combine(_directory, "journal-archive");
        var archived = JournalSegments.List(archive);
        Assert.That(archived, Is.Not.Empty);
        Assert.That(Directory.GetFiles(archive, "*.tmp"), Is.Empty, "no half-copied segment");
        foreach (var segment in archived)
        {
            File.Copy(segment.Path, Path.Combine(JournalDirectory, Path.GetFileName(segment.Path)));
        }

        var replayed = JournalReplayTests.NewCore();
        TradingStore.Replay(JournalDirectory, replayed);
        Assert.That(State(replayed), Is.EqualTo(State(live)));
    }

    [Test]
    public void Nothing_unpublished_is_retired()
    {
        var options = Small() with { SnapshotEveryRecords = 60, Retention = JournalRetention.Delete };
        var live = JournalReplayTests.NewCore();
        using (var store = new TradingStore(_directory, options) { PublishedThrough = () => 100 })
        {
            store.Open(live);
            JournalReplayTests.Drive(live, 900, 5);
            Assert.That(store.Snapshots!.WaitIdle(TimeSpan.FromSeconds(30)), Is.True);
        }

        var segments = JournalSegments.List(JournalDirectory);
        Assert.That(segments[0].FirstSequence, Is.GreaterThan(1), "some went");
        Assert.That(segments[0].FirstSequence, Is.LessThanOrEqualTo(101), "none holding a record after 100");
    }

    [Test]
    public void A_missing_middle_segment_is_a_gap_that_refuses_the_start()
    {
        Run(Small());
        var segments = JournalSegments.List(JournalDirectory);
        File.Delete(segments[2].Path);
        using var store = new TradingStore(_directory, Small());
        var error = Assert.Throws<JournalCorruptException>(() => store.Open(JournalReplayTests.NewCore()));
        Assert.That(error!.Message, Does.Contain($"starts at sequence {segments[3].FirstSequence} where {segments[2].FirstSequence} must follow"));
    }

    [Test]
    public void A_torn_record_in_a_segment_that_others_follow_refuses_the_start_and_changes_nothing()
    {
        Run(Small());
        var segments = JournalSegments.List(JournalDirectory);
        var bytes = File.ReadAllBytes(segments[1].Path);
        File.WriteAllBytes(segments[1].Path, bytes[..^10]);
        using var store = new TradingStore(_directory, Small());
        var error = Assert.Throws<JournalCorruptException>(() => store.Open(JournalReplayTests.NewCore()));
        Assert.Multiple(() =>
        {
            Assert.That(error!.Message, Does.Contain("in a segment that later segments follow"));
            Assert.That(error.Message, Does.Contain(Path.GetFileName(segments[1].Path)));
            Assert.That(new FileInfo(segments[1].Path).Length, Is.EqualTo(bytes.Length - 10), "not truncated");
        });
    }

    [Test]
    public void A_first_segment_that_no_snapshot_reaches_refuses_the_start()
    {
        Run(Small());
        File.Delete(JournalSegments.List(JournalDirectory)[0].Path);
        using var store = new TradingStore(_directory, Small());
        var error = Assert.Throws<JournalCorruptException>(() => store.Open(JournalReplayTests.NewCore()));
        Assert.That(error!.Message, Does.Contain("no snapshot covers the records before it"));
    }

    [Test]
    public void A_crash_just_after_a_rotation_loses_only_the_unsynced_tail()
    {
        var live = Run(Small());
        var segments = JournalSegments.List(JournalDirectory);
        var last = segments[^1];
        var before = segments[^2];
        File.Delete(last.Path);
        File.WriteAllBytes(last.Path, []); // the new segment's name reached the disk, the tail of the one before did not
        var bytes = File.ReadAllBytes(before.Path);
        File.WriteAllBytes(before.Path, bytes[..^(RecordBytes + 5)]);
        var restarted = JournalReplayTests.NewCore();
        using (var store = new TradingStore(_directory, Small()))
        {
            var report = store.Open(restarted);
            Assert.That(report.BytesTruncated, Is.EqualTo(RecordBytes - 5));
        }

        Assert.Multiple(() =>
        {
            Assert.That(File.Exists(last.Path), Is.False, "the empty segment removed");
            Assert.That(restarted.Sequence, Is.EqualTo(last.FirstSequence - 3));
            Assert.That(live.Sequence, Is.GreaterThan(restarted.Sequence));
        });
    }
}
