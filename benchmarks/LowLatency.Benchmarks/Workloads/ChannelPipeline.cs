using System.Threading.Channels;

namespace LowLatency.Benchmarks.Workloads;

/// <summary>One producer → three stages joined by bounded channels, each stage an async loop (the idiomatic design).</summary>
public sealed class ChannelPipeline : IThroughputWorkload
{
    private readonly Channel<long>[] _channels;
    private readonly Task[] _stages;
    private readonly ChannelSink _sink = new();
    private long _next;

    public ChannelPipeline(int capacity = 1 << 16)
    {
        _channels = [.. Enumerable.Range(0, 3).Select(_ => Channel.CreateBounded<long>(new BoundedChannelOptions(capacity)
        {
            SingleReader = true,
            SingleWriter = true,
        }))];
        _stages =
        [
            Task.Run(() => ForwardAsync(_channels[0].Reader, _channels[1].Writer, v => v * 3)),
            Task.Run(() => ForwardAsync(_channels[1].Reader, _channels[2].Writer, v => v + 7)),
            Task.Run(() => _sink.ConsumeAsync(_channels[2].Reader)),
        ];
    }

    public long Checksum => _sink.Sum;

    public void Run(long events)
    {
        var end = _next + events;
        ChannelOneToOne.ProduceAsync(_channels[0].Writer, _next, end).GetAwaiter().GetResult();
        _next = end;
        _sink.Progress.WaitFor(end);
    }

    public void Dispose()
    {
        _channels[0].Writer.TryComplete();
        Task.WaitAll(_stages, TimeSpan.FromSeconds(10));
    }

    private static async Task ForwardAsync(ChannelReader<long> reader, ChannelWriter<long> writer, Func<long, long> work)
    {
        while (await reader.WaitToReadAsync().ConfigureAwait(false))
        {
            while (reader.TryRead(out var value))
            {
                var result = work(value);
                if (!writer.TryWrite(result))
                {
                    await writer.WriteAsync(result).ConfigureAwait(false);
                }
            }
        }

        writer.TryComplete();
    }
}
