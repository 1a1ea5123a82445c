using System.Threading.Channels;

namespace LowLatency.Benchmarks.Workloads;

/// <summary>
/// One producer → one consumer through a bounded <see cref="Channel"/> used as intended: TryWrite with
/// WriteAsync when full, and a consumer looping on WaitToReadAsync/TryRead.
/// </summary>
public sealed class ChannelOneToOne : IThroughputWorkload
{
    private readonly Channel<long> _channel;
    private readonly ChannelSink _sink = new();
    private readonly Task _consumer;
    private long _next;

    public ChannelOneToOne(int capacity = 1 << 16)
    {
        _channel = Channel.CreateBounded<long>(new BoundedChannelOptions(capacity)
        {
            SingleReader = true,
            SingleWriter = true,
            FullMode = BoundedChannelFullMode.Wait,
        });
        _consumer = Task.Run(() => _sink.ConsumeAsync(_channel.Reader));
    }

    public long Checksum => _sink.Sum;

    public void Run(long events)
    {
        var end = _next + events;
        ProduceAsync(_channel.Writer, _next, end).GetAwaiter().GetResult();
        _next = end;
        _sink.Progress.WaitFor(end);
    }

    public void Dispose()
    {
        _channel.Writer.TryComplete();
        _consumer.Wait(TimeSpan.FromSeconds(10));
    }

    internal static async Task ProduceAsync(ChannelWriter<long> writer, long from, long to)
    {
        for (var value = from; value < to; value++)
        {
            if (!writer.TryWrite(value))
            {
                await writer.WriteAsync(value).ConfigureAwait(false);
            }
        }
    }
}
