using System.Buffers.Binary;
using System.Collections.Concurrent;
using LowLatency.Engine.Journal;

namespace LowLatency.Engine.Tests.Journal;

/// <summary>
/// Rotation with the syncer beside: positions keep growing through a rotation, the syncer reports each batch's
/// end only once the segments before it are synced, closes the finished ones itself, and every record is in
/// exactly one segment, whole.
/// </summary>
public sealed class SegmentedJournalWriterTests
{
    private const int Payload = 16;
    private string _directory = "";

    [SetUp]
    public void CreateDirectory() => _directory = Directory.CreateTempSubdirectory("ll-segwriter-").FullName;

    [TearDown]
    public void DeleteDirectory() => Directory.Delete(_directory, recursive: true);

    [TestCase(FsyncPolicy.EveryBatch)]
    [TestCase(FsyncPolicy.Interval)]
    public void With_the_syncer_every_batch_end_is_reported_in_order_and_every_record_lands_once(FsyncPolicy policy)
    {
        var synced = new BlockingCollection<long>();
        var ends = new List<long>();
        var payload = new byte[Payload];
        using (var writer = new SegmentedJournalWriter(_directory, new JournalSegment(JournalSegments.PathFor(_directory, 1), 1), 0, policy,
                   TimeSpan.FromMilliseconds(2), segmentBytes: 10 * (JournalFormat.HeaderSize + Payload)))
        {
            writer.AttachSyncer(synced.Add);
            for (var sequence = 1L; sequence <= 301; sequence++)
            {
                BinaryPrimitives.WriteInt64LittleEndian(payload, sequence);
                writer.Append(payload, sequence);
                if (sequence % 4 == 0 || sequence == 301)
                {
                    ends.Add(writer.Write());
                }
            }

            Assert.That(ends, Is.Ordered.Ascending);
            Assert.That(ends.Distinct().Count(), Is.EqualTo(ends.Count), "every batch moves the position");
            var reported = new List<long>();
            while (reported.Count == 0 || reported[^1] < ends[^1])
            {
                Assert.That(synced.TryTake(out var position, TimeSpan.FromSeconds(10)), Is.True, "the syncer reports the last batch");
                reported.Add(position);
            }

            Assert.That(reported, Is.Ordered.Ascending);
            Assert.That(reported[^1], Is.EqualTo(ends[^1]));
            Assert.That(writer.DurablePosition, Is.EqualTo(ends[^1]));
            Assert.That(writer.Rotations, Is.GreaterThanOrEqualTo(25));
        }

        var expected = 1L;
        foreach (var segment in JournalSegments.List(_directory))
        {
            Assert.That(segment.FirstSequence, Is.EqualTo(expected));
            var result = JournalReader.Read(segment.Path, (record, _, _) =>
            {
                Assert.That(BinaryPrimitives.ReadInt64LittleEndian(record), Is.EqualTo(expected));
                expected++;
            });
            Assert.That(result.Problem, Is.Null, Path.GetFileName(segment.Path));
        }

        Assert.That(expected, Is.EqualTo(302));
    }

    [Test]
    public void A_segment_size_of_zero_never_rotates()
    {
        using (var writer = new SegmentedJournalWriter(_directory, new JournalSegment(JournalSegments.PathFor(_directory, 1), 1), 0, FsyncPolicy.None, TimeSpan.Zero, segmentBytes: 0))
        {
            for (var sequence = 1L; sequence <= 50; sequence++)
            {
                writer.Append(new byte[Payload], sequence);
                writer.Commit();
            }

            Assert.That(writer.Rotations, Is.Zero);
        }

        Assert.That(JournalSegments.List(_directory).Select(s => Path.GetFileName(s.Path)), Is.EqualTo(new[] { JournalSegments.FirstSegmentName }));
    }

    [Test]
    public void Segment_names_sort_as_their_sequences_and_other_files_are_not_segments()
    {
        Assert.Multiple(() =>
        {
            Assert.That(Path.GetFileName(JournalSegments.PathFor(_directory, 1)), Is.EqualTo("trading.journal"));
            Assert.That(Path.GetFileName(JournalSegments.PathFor(_directory, 42)), Is.EqualTo("trading-00000000000000000042.journal"));
            Assert.That(JournalSegments.TryParse("trading-00000000000000000042.journal", out var first) && first == 42, Is.True);
            Assert.That(JournalSegments.TryParse("trading-42.journal", out _), Is.False, "not 20 digits");
            Assert.That(JournalSegments.TryParse("trading-00000000000000000001.journal", out _), Is.False, "sequence 1 is trading.journal");
            Assert.That(JournalSegments.TryParse("trading-0000000000000000004x.journal", out _), Is.False);
            Assert.That(() => JournalSegments.PathFor(_directory, 0), Throws.InstanceOf<ArgumentOutOfRangeException>());
        });
    }
}
