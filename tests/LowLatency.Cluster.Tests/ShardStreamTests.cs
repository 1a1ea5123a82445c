using LowLatency.Engine.Host.Configuration;
using LowLatency.Engine.Journal;
using LowLatency.Engine.State;
using LowLatency.EventStream;
using NATS.Client.Core;
using NATS.Client.JetStream;
using NATS.Client.JetStream.Models;

namespace LowLatency.Cluster.Tests;

/// <summary>
/// A whole engine with <c>cluster.nats</c> set: its journal reaches its shard's stream record for record, and a
/// restart publishes what the previous run left after the stream's last record.
/// </summary>
public sealed class ShardStreamTests
{
    private string _data = "";

    [SetUp]
    public void CreateData() => _data = Directory.CreateTempSubdirectory("ll-shard-").FullName;

    [TearDown]
    public void DeleteData() => Directory.Delete(_data, recursive: true);

    private void RunUntilPublished(string url, long atLeast)
    {
        using var engine = new ShardEngine(_data, new ClusterConfig { Nats = url, Shard = "s1" });
        Eventually.Until(() => StreamMessages(url) >= atLeast, $"{atLeast} records on the stream");
    }

    private static long StreamMessages(string url) => StreamMessagesAsync(url).GetAwaiter().GetResult();

    private static async Task<long> StreamMessagesAsync(string url)
    {
        await using var nats = new NatsConnection(new NatsOpts { Url = url });
        try
        {
            var stream = await new NatsJSContext(nats).GetStreamAsync(JournalStreamNames.Stream("s1"));
            return (long)stream.Info.State.Messages;
        }
        catch (NatsJSApiException)
        {
            return 0; // not created yet
        }
    }

    [Test]
    public async Task The_engines_journal_reaches_its_shards_stream_record_for_record_and_a_restart_carries_on()
    {
        using var nats = new NatsServer();
        RunUntilPublished(nats.Url, 200);
        RunUntilPublished(nats.Url, StreamMessages(nats.Url) + 200);

        var journal = new Dictionary<long, byte[]>();
        foreach (var segment in JournalSegments.List(Path.Combine(_data, "journal")))
        {
            JournalReader.Read(segment.Path, (payload, _, _) =>
            {
                Assert.That(RecordCodec.TryDecode(payload, out var record, out _), Is.True);
                journal[record.Sequence] = payload.ToArray();
            });
        }

        await using var client = new NatsConnection(new NatsOpts { Url = nats.Url });
        var stream = await new NatsJSContext(client).GetStreamAsync(JournalStreamNames.Stream("s1"));
        Assert.That(stream.Info.Config.Subjects, Is.EqualTo(new[] { "ll.journal.s1" }));
        var expected = 1L;
        for (var seq = stream.Info.State.FirstSeq; seq <= stream.Info.State.LastSeq; seq++)
        {
            var message = await stream.GetAsync(new StreamMsgGetRequest { Seq = seq });
            Assert.That(RecordCodec.TryDecode(message.Message.Data.Span, out var record, out _), Is.True);
            Assert.That(record.Sequence, Is.EqualTo(expected), "in order, each once, across the restart");
            Assert.That(message.Message.Data.ToArray(), Is.EqualTo(journal[record.Sequence]), "the journal's bytes");
            expected++;
        }

        Assert.That(expected - 1, Is.GreaterThanOrEqualTo(400));
    }
}
