namespace LowLatency.Disruptor.Tests.Support;

/// <summary>Records what it saw into pre-sized arrays and counts down to a target so tests can wait on it.</summary>
internal sealed class RecordingHandler<T>(long expected, Func<T, long> read) : IEventHandler<T>
{
    private readonly long[] _values = new long[expected];
    private readonly long[] _sequences = new long[expected];
    private readonly TaskCompletionSource _done = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _count;

    public long Count => Volatile.Read(ref _count);

    public ReadOnlySpan<long> Values => _values.AsSpan(0, (int)Count);

    public ReadOnlySpan<long> Sequences => _sequences.AsSpan(0, (int)Count);

    public Task Done => _done.Task;

    public void OnEvent(ref T entry, long sequence, bool endOfBatch)
    {
        var index = _count;
        if (index < _values.Length)
        {
            _values[index] = read(entry);
            _sequences[index] = sequence;
        }

        Volatile.Write(ref _count, index + 1);
        if (index + 1 == expected)
        {
            _done.TrySetResult();
        }
    }
}
