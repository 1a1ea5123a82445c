namespace LowLatency.Disruptor;

/// <summary>A consumer stage: called once per entry, in sequence order, on the stage's own thread.</summary>
/// <typeparam name="T">The ring's entry type.</typeparam>
public interface IEventHandler<T>
{
    /// <param name="entry">The entry in the ring, by reference; valid only during this call.</param>
    /// <param name="sequence">The entry's sequence number.</param>
    /// <param name="endOfBatch">True for the last entry available right now: the place to flush.</param>
    void OnEvent(ref T entry, long sequence, bool endOfBatch);
}
