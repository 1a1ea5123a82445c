using System.Diagnostics;

namespace LowLatency.Bridge.Benchmarks;

/// <summary>A closed-loop load generator: N concurrent keep-alive connections issuing GETs back to back for a while.</summary>
internal static class RestRun
{
    public static async Task<(long Requests, long Failures, double Seconds)> RunAsync(Uri bridge, string path, int concurrency, TimeSpan duration)
    {
        using var handler = new SocketsHttpHandler { MaxConnectionsPerServer = concurrency, PooledConnectionLifetime = Timeout.InfiniteTimeSpan };
        using var http = new HttpClient(handler) { BaseAddress = bridge };
        for (var i = 0; i < concurrency * 4; i++)
        {
            (await http.GetAsync(path).ConfigureAwait(false)).Dispose(); // warm-up: JIT, connections
        }

        long requests = 0;
        long failures = 0;
        using var stop = new CancellationTokenSource(duration);
        var started = Stopwatch.GetTimestamp();
        var workers = Enumerable.Range(0, concurrency).Select(_ => Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                using var response = await http.GetAsync(path, HttpCompletionOption.ResponseContentRead, CancellationToken.None).ConfigureAwait(false);
                if (response.IsSuccessStatusCode)
                {
                    Interlocked.Increment(ref requests);
                }
                else
                {
                    Interlocked.Increment(ref failures);
                }
            }
        })).ToArray();
        await Task.WhenAll(workers).ConfigureAwait(false);
        return (requests, failures, Stopwatch.GetElapsedTime(started).TotalSeconds);
    }
}
