using LowLatency.Engine.Journal;
using LowLatency.Engine.State;
using LowLatency.EventStream;
using Microsoft.Extensions.Logging.Abstractions;
using NATS.Client.Core;
using NATS.Client.JetStream;
using NATS.Client.JetStream.Models;

namespace LowLatency.Cluster.Tests;

/// <summary>
/// A shard's journal onto a real JetStream: every durable record once and in order, through a NATS crash (the
/// journal buffers, the backlog shows it, publishing catches up), across a publisher restart (no duplicates), and a
/// stream that holds another history refused.
/// </summary>
public sealed class JournalPublisherTests : IDisposable
{
    private readonly byte[] _buffer = new byte[RecordCodec.Size];
    private string _directory = "";
    private SegmentedJournalWriter? _writer;
    private long _sequence;

    [SetUp]
    public void CreateJournal()
    {
        _directory = Directory.CreateTempSubdirectory("ll-publish-").FullName;
        _sequence = 0;
        _writer = new SegmentedJournalWriter(_directory, new JournalSegment(JournalSegments.PathFor(_directory, 1), 1), 0, FsyncPolicy.None, TimeSpan.Zero,
            segmentBytes: 64 * (JournalFormat.HeaderSize + RecordCodec.Size));
    }

    [TearDown]
    public void DeleteJournal()
    {
        Dispose();
        Directory.Delete(_directory, recursive: true);
    }

    public void Dispose()
    {
        _writer?.Dispose();
        _writer = null;
    }

    private void Append(int records)
    {
        for (var i = 0; i < records; i++)
        {
            _sequence++;
            var length = RecordCodec.Encode(new TradingRecord { Type = RecordType.Mark, Sequence = _sequence, TimeMs = 1_700_000_000_000 + _sequence, InstrumentId = 1, PriceTicks = 1000 + _sequence }, _buffer);
            _writer!.Append(_buffer.AsSpan(0, length), _sequence);
            if (_sequence % 7 == 0)
            {
                _writer.Write(); // batches of seven
            }
        }

        _writer!.Write();
    }

    private JournalPublisher Publisher(string url, string shard = "a") =>
        new(new JournalPublisherOptions { Url = url, Shard = shard, Timeout = TimeSpan.FromSeconds(1), MaxBackoff = TimeSpan.FromMilliseconds(200) },
            _directory, () => _writer!.DurableSequence, NullLogger.Instance);

    /// <summary>Every message of the shard's stream, as the record sequences they carry.</summary>
    private static async Task<List<long>> StreamRecordsAsync(string url, string shard = "a") =>
        [.. (await StreamRecords.ReadAsync(url, shard)).Select(r => r.Sequence)];

    [Test]
    public async Task Publishing_resumes_after_NATS_was_down_longer_than_the_streams_duplicate_window()
    {
        // The server forgets the stream's last message id once the window has passed (./run.sh cluster restarted a
        // day later): publishing must go on from the stream's own sequence, which it keeps.
        using var nats = new NatsServer();
        Append(100);
        await using var publisher = new JournalPublisher(new JournalPublisherOptions
        {
            Url = nats.Url, Shard = "a", Timeout = TimeSpan.FromSeconds(1), MaxBackoff = TimeSpan.FromMilliseconds(200), DuplicateWindow = TimeSpan.FromMilliseconds(200),
        }, _directory, () => _writer!.DurableSequence, NullLogger.Instance);
        publisher.Start();
        Eventually.Until(() => publisher.PublishedSequence == 100, "the first 100 published");
        nats.Kill();
        Append(100);
        Thread.Sleep(TimeSpan.FromSeconds(1)); // the scenario itself: the window passes while the server is down
        nats.Start();
        Eventually.Until(() => publisher.PublishedSequence == 200, "caught up after NATS returned");
        Assert.That(await StreamRecordsAsync(nats.Url), Is.EqualTo(Enumerable.Range(1, 200).Select(i => (long)i)));
    }

    [Test]
    public async Task Every_durable_record_reaches_the_stream_once_and_in_order_through_a_NATS_crash()
    {
        using var nats = new NatsServer();
        Append(500);
        await using var publisher = Publisher(nats.Url);
        publisher.Start();
        Eventually.Until(() => publisher.PublishedSequence == 500, "the first 500 published");

        nats.Kill();
        Append(500); // the shard trades on
        Eventually.Until(() => !publisher.Connected, "the publisher notices");
        Assert.That(publisher.Backlog, Is.GreaterThan(0), "the journal holds what the stream has not");
        Assert.That(publisher.LastError, Is.Not.Null);

        nats.Start();
        Eventually.Until(() => publisher.PublishedSequence == 1000, "caught up after NATS returned");
        Assert.That(publisher.Backlog, Is.Zero);
        Assert.That(await StreamRecordsAsync(nats.Url), Is.EqualTo(Enumerable.Range(1, 1000).Select(i => (long)i)));
    }

    [Test]
    public async Task A_restarted_publisher_resumes_after_the_streams_last_record()
    {
        using var nats = new NatsServer();
        Append(300);
        await using (var first = Publisher(nats.Url))
        {
            first.Start();
            Eventually.Until(() => first.PublishedSequence == 300, "published");
        }

        Append(200);
        await using var second = Publisher(nats.Url);
        second.Start();
        Eventually.Until(() => second.PublishedSequence == 500, "resumed");
        Assert.That(second.Acknowledged, Is.EqualTo(200), "nothing sent twice");
        Assert.That(await StreamRecordsAsync(nats.Url), Is.EqualTo(Enumerable.Range(1, 500).Select(i => (long)i)));
    }

    [Test]
    public async Task A_stream_holding_another_history_stops_publishing_with_the_reason()
    {
        using var nats = new NatsServer();
        Append(300);
        await using (var first = Publisher(nats.Url))
        {
            first.Start();
            Eventually.Until(() => first.PublishedSequence == 300, "published");
        }

        _writer!.Dispose();
        foreach (var file in Directory.GetFiles(_directory))
        {
            File.Delete(file); // a data directory replaced under a live stream
        }

        CreateJournalIn(_directory);
        Append(100);
        await using var second = Publisher(nats.Url);
        second.Start();
        Eventually.Until(() => second.LastError is not null, "refused");
        Assert.Multiple(() =>
        {
            Assert.That(second.LastError, Does.Contain("another history"));
            Assert.That(second.Connected, Is.False);
        });
        Assert.That(await StreamRecordsAsync(nats.Url), Has.Count.EqualTo(300), "nothing mixed in");
    }

    private void CreateJournalIn(string directory)
    {
        _sequence = 0;
        _writer = new SegmentedJournalWriter(directory, new JournalSegment(JournalSegments.PathFor(directory, 1), 1), 0, FsyncPolicy.None, TimeSpan.Zero, segmentBytes: 0);
    }
}
