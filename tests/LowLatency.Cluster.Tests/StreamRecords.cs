using LowLatency.Engine.State;
using LowLatency.EventStream;
using NATS.Client.Core;
using NATS.Client.JetStream;
using NATS.Client.JetStream.Models;

namespace LowLatency.Cluster.Tests;

/// <summary>What a shard's journal stream holds, message by message, each decoded as the record it must be.</summary>
public static class StreamRecords
{
    public static async Task<List<TradingRecord>> ReadAsync(string url, string shard)
    {
        await using var nats = new NatsConnection(new NatsOpts { Url = url });
        var stream = await new NatsJSContext(nats).GetStreamAsync(JournalStreamNames.Stream(shard));
        var records = new List<TradingRecord>();
        for (var seq = stream.Info.State.FirstSeq; seq <= stream.Info.State.LastSeq && stream.Info.State.Messages > 0; seq++)
        {
            var message = await stream.GetAsync(new StreamMsgGetRequest { Seq = seq });
            Assert.That(RecordCodec.TryDecode(message.Message.Data.Span, out var record, out var problem), Is.True, problem);
            records.Add(record);
        }

        return records;
    }
}
