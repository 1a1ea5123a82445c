using LowLatency.Engine.Journal;

namespace LowLatency.Engine.Tests.Journal;

[TestFixture]
public sealed class JournalTests
{
    private string _directory = "";

    private string PathOf(string name) => Path.Combine(_directory, name);

    [SetUp]
    public void CreateDirectory() => _directory = Directory.CreateTempSubdirectory("ll-journal-").FullName;

    [TearDown]
    public void DeleteDirectory() => Directory.Delete(_directory, recursive: true);

    private static byte[][] RandomRecords(int count, int seed)
    {
        var random = new Random(seed);
        return [.. Enumerable.Range(0, count).Select(_ =>
        {
            var record = new byte[random.Next(1, 300)];
            random.NextBytes(record);
            return record;
        })];
    }

    private static void Write(string path, IEnumerable<byte[]> records, FsyncPolicy policy = FsyncPolicy.EveryBatch)
    {
        using var writer = new JournalWriter(path, policy);
        foreach (var record in records)
        {
            writer.Append(record);
        }

        writer.Commit();
    }

    private static List<byte[]> ReadAll(string path, out JournalRecovery result, bool recover = false)
    {
        var records = new List<byte[]>();
        result = recover ? JournalReader.Recover(path, (p, _, _) => records.Add(p.ToArray())) : JournalReader.Read(path, (p, _, _) => records.Add(p.ToArray()));
        return records;
    }

    [TestCase(FsyncPolicy.EveryBatch)]
    [TestCase(FsyncPolicy.Interval)]
    [TestCase(FsyncPolicy.None)]
    public void Records_read_back_exactly_as_written(FsyncPolicy policy)
    {
        var path = PathOf("j.log");
        var records = RandomRecords(1000, 1);
        Write(path, records.Take(400), policy);
        Write(path, records.Skip(400), policy); // reopening appends
        Assert.That(ReadAll(path, out var result), Is.EqualTo(records));
        Assert.That(result.Problem, Is.Null);
        Assert.That(result.Records, Is.EqualTo(1000));
        Assert.That(result.ValidLength, Is.EqualTo(new FileInfo(path).Length));
    }

    [Test]
    public void A_missing_journal_is_empty()
    {
        Assert.That(ReadAll(PathOf("none.log"), out var result), Is.Empty);
        Assert.That(result.HadBadTail, Is.False);
    }

    [Test]
    public void A_last_record_cut_at_any_byte_is_dropped_and_truncated_and_appending_resumes()
    {
        var records = RandomRecords(20, 2);
        var full = PathOf("full.log");
        Write(full, records);
        var bytes = File.ReadAllBytes(full);
        var lastStart = bytes.Length - (JournalFormat.HeaderSize + records[^1].Length);
        for (var cut = lastStart + 1; cut < bytes.Length; cut++)
        {
            var path = PathOf($"cut{cut}.log");
            File.WriteAllBytes(path, bytes[..cut]);
            var read = ReadAll(path, out var result, recover: true);
            Assert.That(read, Is.EqualTo(records[..^1]), $"cut at {cut}");
            Assert.That(result.Problem, Does.StartWith("torn"), $"cut at {cut}");
            Assert.That(new FileInfo(path).Length, Is.EqualTo(lastStart), "truncated to the last good record");

            Write(path, [records[^1]]);
            Assert.That(ReadAll(path, out var after), Is.EqualTo(records), "appending after recovery");
            Assert.That(after.Problem, Is.Null);
        }
    }

    [Test]
    public void A_flipped_byte_in_the_last_record_fails_its_crc_and_is_dropped()
    {
        var records = RandomRecords(10, 3);
        var path = PathOf("j.log");
        Write(path, records);
        var bytes = File.ReadAllBytes(path);
        bytes[^1] ^= 0x40;
        File.WriteAllBytes(path, bytes);
        Assert.That(ReadAll(path, out var result, recover: true), Is.EqualTo(records[..^1]));
        Assert.That(result.Problem, Does.Contain("CRC mismatch"));
    }

    [Test]
    public void Corruption_in_the_middle_stops_reading_there_because_later_records_cannot_be_trusted()
    {
        var records = RandomRecords(10, 4);
        var path = PathOf("j.log");
        Write(path, records);
        var bytes = File.ReadAllBytes(path);
        var fifthStart = records.Take(4).Sum(r => JournalFormat.HeaderSize + r.Length);
        bytes[fifthStart + JournalFormat.HeaderSize] ^= 0x01;
        File.WriteAllBytes(path, bytes);
        var read = ReadAll(path, out var result);
        Assert.That(read, Is.EqualTo(records[..4]));
        Assert.That(result.Problem, Does.Contain($"byte {fifthStart}"));
        Assert.That((result.IsCorrupt, result.RecordsAfterProblem), Is.EqualTo((true, 5L)), "the five records after the damaged one are found, so it is no torn tail");
        Assert.That(new FileInfo(path).Length, Is.EqualTo(bytes.Length), "Read alone changes nothing on disk");
        Assert.Throws<JournalCorruptException>(() => JournalReader.Recover(path), "recovery never truncates valid history");
        Assert.That(File.ReadAllBytes(path), Is.EqualTo(bytes));
    }

    [TestCase(0)]
    [TestCase(-5)]
    [TestCase(JournalFormat.MaxPayloadSize + 1)]
    public void An_impossible_length_is_corruption(int length)
    {
        var records = RandomRecords(3, 5);
        var path = PathOf("j.log");
        Write(path, records);
        using (var stream = new FileStream(path, FileMode.Append))
        {
            var header = new byte[JournalFormat.HeaderSize + 16];
            System.Buffers.Binary.BinaryPrimitives.WriteInt32LittleEndian(header, length);
            stream.Write(header);
        }

        Assert.That(ReadAll(path, out var result, recover: true), Is.EqualTo(records));
        Assert.That(result.Problem, Does.Contain("corrupt record length"));
    }

    [Test]
    public void A_zero_filled_tail_reads_as_torn()
    {
        var records = RandomRecords(5, 6);
        var path = PathOf("j.log");
        Write(path, records);
        var goodLength = new FileInfo(path).Length;
        using (var stream = new FileStream(path, FileMode.Append))
        {
            stream.Write(new byte[4096]);
        }

        Assert.That(ReadAll(path, out var result, recover: true), Is.EqualTo(records));
        Assert.That(result.HadBadTail, Is.True);
        Assert.That(new FileInfo(path).Length, Is.EqualTo(goodLength));
    }

    [Test]
    public void Empty_and_oversized_records_are_refused_without_writing()
    {
        var path = PathOf("j.log");
        using var writer = new JournalWriter(path);
        Assert.Throws<ArgumentException>(() => writer.Append([]));
        Assert.Throws<ArgumentException>(() => writer.Append(new byte[JournalFormat.MaxPayloadSize + 1]));
        writer.Commit();
        Assert.That(writer.Length, Is.Zero);
    }

    [Test]
    public void Crc32c_matches_the_standard_check_value() =>
        Assert.That(Crc32C.Compute("123456789"u8), Is.EqualTo(0xE3069283u));
}
