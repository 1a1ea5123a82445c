using System.Diagnostics;
using System.Globalization;
using System.Net.WebSockets;
using System.Text;
using HdrHistogram;

namespace LowLatency.Bridge.Benchmarks;

/// <summary>
/// N native WebSocket clients, each subscribed to one of the 8 instruments (round robin), receiving the engine's
/// quotes (10 a second per instrument). Latency = the client's clock at receipt − the quote's engine timestamp
/// (wall clock, millisecond resolution: figures carry up to +1 ms of truncation).
/// </summary>
internal static class FanOutRun
{
    private static readonly string[] Symbols = ["BTC-USD", "ETH-USD", "BNBUSDT", "EURUSD", "GBPUSD", "USDJPY", "XAUUSD", "US500"];

    public static async Task<(long Messages, double Seconds, HistogramBase Latency)> RunAsync(Uri bridge, int clients, TimeSpan duration, TextWriter progress)
    {
        var ws = new Uri(bridge.ToString().Replace("http://", "ws://", StringComparison.Ordinal).TrimEnd('/') + "/ws/price-feed");
        var sockets = new ClientWebSocket[clients];
        for (var i = 0; i < clients; i++)
        {
            sockets[i] = new ClientWebSocket();
            await sockets[i].ConnectAsync(ws, CancellationToken.None).ConfigureAwait(false);
            await sockets[i].SendAsync(Encoding.UTF8.GetBytes($$"""{"type":"subscribe","symbols":["{{Symbols[i % Symbols.Length]}}"]}"""), WebSocketMessageType.Text, true, CancellationToken.None).ConfigureAwait(false);
            if ((i + 1) % 250 == 0)
            {
                progress.WriteLine($"  {i + 1}/{clients} clients connected");
            }
        }

        var histogram = new LongConcurrentHistogram(1, 60_000_000, 3); // microseconds
        long messages = 0;
        var measuring = 0;
        using var stop = new CancellationTokenSource();
        var loops = sockets.Select(socket => Task.Run(async () =>
        {
            var buffer = new byte[8192];
            while (!stop.IsCancellationRequested)
            {
                WebSocketReceiveResult result;
                try
                {
                    result = await socket.ReceiveAsync(buffer, stop.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    return;
                }

                var received = DateTimeOffset.UtcNow;
                if (Volatile.Read(ref measuring) == 0 || result.MessageType != WebSocketMessageType.Text)
                {
                    continue;
                }

                var text = Encoding.UTF8.GetString(buffer, 0, result.Count);
                if (!text.StartsWith("{\"event\":\"price_update\"", StringComparison.Ordinal))
                {
                    continue;
                }

                var at = text.IndexOf("\"timestamp\":\"", StringComparison.Ordinal);
                if (at > 0 && DateTimeOffset.TryParse(text.AsSpan(at + 13, 24), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var stamp))
                {
                    histogram.RecordValue(Math.Max(1, (long)(received - stamp).TotalMicroseconds));
                    Interlocked.Increment(ref messages);
                }
            }
        })).ToArray();

        await Task.Delay(TimeSpan.FromSeconds(2)).ConfigureAwait(false); // settle: subscriptions and first prices
        var started = Stopwatch.GetTimestamp();
        Volatile.Write(ref measuring, 1);
        await Task.Delay(duration).ConfigureAwait(false);
        Volatile.Write(ref measuring, 0);
        var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
        await stop.CancelAsync().ConfigureAwait(false);
        await Task.WhenAll(loops).ConfigureAwait(false);
        foreach (var socket in sockets)
        {
            socket.Abort();
            socket.Dispose();
        }

        return (Interlocked.Read(ref messages), seconds, histogram);
    }
}
