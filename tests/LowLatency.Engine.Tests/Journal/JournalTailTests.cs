using LowLatency.Engine.Journal;
using LowLatency.Engine.State;

namespace LowLatency.Engine.Tests.Journal;

/// <summary>The tail the event stream reads: from any sequence, across segments, never past the durable one, and a retired start refused.</summary>
public sealed class JournalTailTests
{
    private string _directory = "";

    [SetUp]
    public void CreateJournal()
    {
        _directory = Directory.CreateTempSubdirectory("ll-tail-").FullName;
        var buffer = new byte[RecordCodec.Size];
        using var writer = new SegmentedJournalWriter(_directory, new JournalSegment(JournalSegments.PathFor(_directory, 1), 1), 0, FsyncPolicy.None, TimeSpan.Zero,
            segmentBytes: 10 * (JournalFormat.HeaderSize + RecordCodec.Size));
        for (var sequence = 1L; sequence <= 95; sequence++)
        {
            writer.Append(buffer.AsSpan(0, RecordCodec.Encode(new TradingRecord { Type = RecordType.Mark, Sequence = sequence, PriceTicks = sequence }, buffer)), sequence);
            writer.Commit();
        }
    }

    [TearDown]
    public void DeleteJournal() => Directory.Delete(_directory, recursive: true);

    [TestCase(1)]
    [TestCase(10)]
    [TestCase(11)]
    [TestCase(57)]
    public void From_any_sequence_it_reads_in_order_across_segments_up_to_the_durable_one(long from)
    {
        using var tail = new JournalTail(_directory, from);
        var read = new List<long>();
        while (tail.TryRead(80, out var record))
        {
            Assert.That(RecordCodec.TryDecode(record.Span, out var decoded, out _), Is.True);
            read.Add(decoded.Sequence);
        }

        Assert.That(read, Is.EqualTo(Enumerable.Range((int)from, 80 - (int)from + 1).Select(i => (long)i)));
        Assert.That(tail.TryRead(95, out _), Is.True, "more once more is durable");
        Assert.That(tail.NextSequence, Is.EqualTo(82));
    }

    [Test]
    public void A_start_in_a_retired_segment_is_refused_with_the_reason()
    {
        File.Delete(JournalSegments.PathFor(_directory, 1));
        var error = Assert.Throws<JournalCorruptException>(() => new JournalTail(_directory, 5).Dispose());
        Assert.That(error!.Message, Does.Contain("no journal segment holds sequence 5"));
    }

    [Test]
    public void A_durable_record_that_is_in_no_segment_is_corruption()
    {
        using var tail = new JournalTail(_directory, 95);
        Assert.That(tail.TryRead(95, out _), Is.True);
        Assert.That(() => tail.TryRead(96, out _), Throws.InstanceOf<JournalCorruptException>().With.Message.Contains("durable record 96 is in no segment"));
    }
}
