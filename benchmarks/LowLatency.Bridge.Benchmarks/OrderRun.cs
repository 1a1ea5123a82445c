using System.Diagnostics;
using System.Text;
using HdrHistogram;

namespace LowLatency.Bridge.Benchmarks;

/// <summary>
/// Market orders through a bridge's REST endpoint one at a time, each timed from the request to the engine's
/// answer back at the client (HdrHistogram, microseconds): the single process's <c>POST /api/orders</c> (bridge →
/// engine link → trading thread) or the cluster's <c>POST /api/cluster/orders</c> (bridge → NATS → shard).
/// </summary>
internal static class OrderRun
{
    public static async Task RunAsync(Uri bridge, string path, int orders, HistogramBase latency)
    {
        using var http = new HttpClient { BaseAddress = bridge, Timeout = TimeSpan.FromSeconds(30) };
        for (var i = 0; i < orders; i++)
        {
            using var body = new StringContent($$"""{"symbol":"BTC-USD","side":"{{(i % 2 == 0 ? "buy" : "sell")}}","quantity":0.01,"type":"market"}""", Encoding.UTF8, "application/json");
            var start = Stopwatch.GetTimestamp();
            using var response = await http.PostAsync(path, body).ConfigureAwait(false);
            var micros = Stopwatch.GetElapsedTime(start).Ticks / 10;
            if (!response.IsSuccessStatusCode)
            {
                throw new InvalidOperationException($"{path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync().ConfigureAwait(false)}");
            }

            latency.RecordValue(Math.Max(1, micros));
        }
    }

    /// <summary>Orders until one is accepted: the engine has a price for BTC-USD and every path is warm, bounded.</summary>
    public static async Task WarmAsync(Uri bridge, string path)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            try
            {
                await RunAsync(bridge, path, 20, new LongHistogram(60_000_000, 3)).ConfigureAwait(false);
                return;
            }
            catch (InvalidOperationException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(100).ConfigureAwait(false); // no price yet: the feed's first ticks
            }
        }
    }
}
