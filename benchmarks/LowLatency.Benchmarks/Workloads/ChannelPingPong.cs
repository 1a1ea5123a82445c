using System.Diagnostics;
using System.Threading.Channels;
using HdrHistogram;

namespace LowLatency.Benchmarks.Workloads;

/// <summary>Round trip through two bounded channels with an async echo loop (ReadAsync/WaitToReadAsync, as intended).</summary>
public sealed class ChannelPingPong : ILatencyWorkload
{
    private readonly Channel<long> _ping = NewChannel();
    private readonly Channel<long> _pong = NewChannel();
    private readonly Task _echo;

    public ChannelPingPong() => _echo = Task.Run(EchoAsync);

    public void Run(int roundTrips, HistogramBase histogram) => RunAsync(roundTrips, histogram).GetAwaiter().GetResult();

    public void Dispose()
    {
        _ping.Writer.TryComplete();
        _echo.Wait(TimeSpan.FromSeconds(10));
    }

    private static Channel<long> NewChannel() => Channel.CreateBounded<long>(new BoundedChannelOptions(1024)
    {
        SingleReader = true,
        SingleWriter = true,
    });

    private async Task RunAsync(int roundTrips, HistogramBase histogram)
    {
        for (var i = 0; i < roundTrips; i++)
        {
            var start = Stopwatch.GetTimestamp();
            if (!_ping.Writer.TryWrite(i))
            {
                await _ping.Writer.WriteAsync(i).ConfigureAwait(false);
            }

            await _pong.Reader.ReadAsync().ConfigureAwait(false);
            Nanoseconds.Record(histogram, start, Stopwatch.GetTimestamp());
        }
    }

    private async Task EchoAsync()
    {
        var reader = _ping.Reader;
        while (await reader.WaitToReadAsync().ConfigureAwait(false))
        {
            while (reader.TryRead(out var value))
            {
                if (!_pong.Writer.TryWrite(value))
                {
                    await _pong.Writer.WriteAsync(value).ConfigureAwait(false);
                }
            }
        }
    }
}
