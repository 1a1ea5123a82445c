using System.Threading.Channels;

namespace LowLatency.Benchmarks.Workloads;

/// <summary>
/// One producer → one consumer through a bounded <see cref="Channel"/> used as intended: TryWrite with
/// WriteAsync when full, and a consumer looping on WaitToReadAsync/TryRead.
/// </summary>
public sealed class ChannelOneToOne : IThroughputWorkload
{
    private readonly Channel<long> _channel;
    private readonly Progress _progress = new();
    private readonly Task _consumer;
    private long _sum;
    private long _next;

    public ChannelOneToOne(int capacity = 1 << 16)
    {
        _channel = Channel.CreateBounded<long>(new BoundedChannelOptions(capacity)
        {
            SingleReader = true,
            SingleWriter = true,
            FullMode = BoundedChannelFullMode.Wait,
        });
        _consumer = Task.Run(ConsumeAsync);
    }

    public long Checksum => Volatile.Read(ref _sum);

    public void Run(long events)
    {
        var end = _next + events;
        ProduceAsync(_channel.Writer, _next, end).GetAwaiter().GetResult();
        _next = end;
        _progress.WaitFor(end);
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

    private async Task ConsumeAsync()
    {
        var reader = _channel.Reader;
        long count = 0;
        long sum = 0;
        while (await reader.WaitToReadAsync().ConfigureAwait(false))
        {
            while (reader.TryRead(out var value))
            {
                sum += value;
                count++;
            }

            Volatile.Write(ref _sum, sum);
            _progress.Set(count);
        }
    }
}
