using System.Threading.Channels;

namespace LowLatency.Benchmarks.Workloads;

/// <summary>The last consumer of a channel workload: sums what it reads and reports progress per drained batch.</summary>
public sealed class ChannelSink
{
    private long _sum;

    public Progress Progress { get; } = new();

    public long Sum => Volatile.Read(ref _sum);

    public async Task ConsumeAsync(ChannelReader<long> reader)
    {
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
            Progress.Set(count);
        }
    }
}
