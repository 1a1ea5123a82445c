using System.Threading.Channels;
using LowLatency.Engine.State;
using LowLatency.EventStream;
using NATS.Client.JetStream;
using NATS.Client.JetStream.Models;

namespace LowLatency.ReadSide;

/// <summary>
/// Reads a shard's journal stream from a record sequence into a channel, with an ordered consumer (the server
/// keeps no state for it: the position that counts is the projection's, kept in PostgreSQL with what it wrote).
/// A shard's stream holds record n as message n (its publisher starts it at record 1 and never skips), which this
/// checks, so a start sequence is a stream sequence.
/// </summary>
public static class JournalStreamReader
{
    /// <summary>Runs until cancelled or the connection fails; every record it writes is decoded and in sequence from <paramref name="fromSequence"/>.</summary>
    public static async Task ReadAsync(INatsJSContext stream, string shard, long fromSequence, ChannelWriter<ProjectedRecord> output, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(output);
        var consumer = await stream.CreateOrderedConsumerAsync(JournalStreamNames.Stream(shard), new NatsJSOrderedConsumerOpts
        {
            DeliverPolicy = ConsumerConfigDeliverPolicy.ByStartSequence, OptStartSeq = (ulong)fromSequence,
        }, cancellation).ConfigureAwait(false);
        var expected = fromSequence;
        await foreach (var message in consumer.ConsumeAsync<byte[]>(cancellationToken: cancellation).ConfigureAwait(false))
        {
            var data = message.Data ?? [];
            if (!RecordCodec.TryDecode(data, out var record, out var problem))
            {
                throw new InvalidDataException($"stream {JournalStreamNames.Stream(shard)} message {message.Metadata?.Sequence.Stream}: not a trading record ({problem})");
            }

            if (record.Sequence != expected)
            {
                throw new InvalidDataException($"stream {JournalStreamNames.Stream(shard)}: record {record.Sequence} where {expected} must follow");
            }

            expected++;
            await output.WriteAsync(new ProjectedRecord(record, data), cancellation).ConfigureAwait(false);
        }
    }
}
