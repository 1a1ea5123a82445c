namespace LowLatency.Disruptor;

/// <summary>
/// What a consumer waits on: the sequences of the stages it depends on, or the ring's cursor when it
/// depends on none. Sealed and array-backed so the wait loop pays no interface dispatch.
/// </summary>
public sealed class DependentSequences
{
    private readonly Sequence[] _sequences;
    private readonly Sequence _single;

    public DependentSequences(Sequence cursor, Sequence[] dependencies)
    {
        ArgumentNullException.ThrowIfNull(cursor);
        ArgumentNullException.ThrowIfNull(dependencies);
        _sequences = dependencies.Length == 0 ? [cursor] : (Sequence[])dependencies.Clone();
        _single = _sequences[0];
    }

    /// <summary>The highest sequence that every dependency has reached.</summary>
    public long Value => _sequences.Length == 1 ? _single.Value : SequenceMath.Minimum(_sequences);

    /// <summary>Number of sequences this group is the minimum of.</summary>
    public int Count => _sequences.Length;
}
