using System.Diagnostics;
using System.Threading.Channels;
using HdrHistogram;

namespace LowLatency.Benchmarks.Workloads;

/// <summary>
/// Round trip through two bounded channels with an async echo loop (WaitToReadAsync/TryRead, as intended).
/// The pinger either runs on the calling thread and blocks on each reply (two threads, like the ring), or
/// as an async loop whose continuations may run on the echo's own pool thread (no cross-core hop at all).
/// </summary>
public sealed class ChannelPingPong : ILatencyWorkload
{
    private readonly Channel<long> _ping = NewChannel();
    private readonly Channel<long> _pong = NewChannel();
    private readonly bool _asyncPinger;
    private readonly Task _echo;

    public ChannelPingPong(bool asyncPinger)
    {
        _asyncPinger = asyncPinger;
        _echo = Task.Run(EchoAsync);
    }

    public void Run(int roundTrips, HistogramBase histogram)
    {
        if (_asyncPinger)
        {
            RunAsync(roundTrips, histogram).GetAwaiter().GetResult();
            return;
        }

        for (var i = 0; i < roundTrips; i++)
        {
            var start = Stopwatch.GetTimestamp();
            if (!_ping.Writer.TryWrite(i))
            {
                _ping.Writer.WriteAsync(i).AsTask().GetAwaiter().GetResult();
            }

            var reply = _pong.Reader.ReadAsync();
            if (!reply.IsCompleted)
            {
                reply.AsTask().GetAwaiter().GetResult();
            }

            Nanoseconds.Record(histogram, start, Stopwatch.GetTimestamp());
        }
    }

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
