namespace LowLatency.Disruptor.Tests.Support;

internal static class Publish
{
    /// <summary>Publishes values 0 … count-1, one claim each, from the calling thread.</summary>
    public static void Values(RingBuffer<ValueEvent> ring, long count)
    {
        for (long i = 0; i < count; i++)
        {
            var s = ring.Next();
            ring[s].Value = i;
            ring[s].Producer = 0;
            ring[s].StageMark = 0; // each lap starts clean
            ring.Publish(s);
        }
    }

    /// <summary><see cref="Values"/> on a dedicated thread, failing the test if it does not finish in time.</summary>
    public static void ValuesBounded(RingBuffer<ValueEvent> ring, long count) =>
        Bounded.Run(() => Values(ring, count), "producer");
}
