namespace LowLatency.Disruptor;

/// <summary>Optional for an <see cref="IEventHandler{T}"/>: told the size of each batch before its first entry.</summary>
public interface IBatchStartHandler
{
    void OnBatchStart(long batchSize);
}
