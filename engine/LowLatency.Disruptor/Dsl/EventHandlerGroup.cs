namespace LowLatency.Disruptor.Dsl;

/// <summary>A set of stages that later stages can be chained after (pipeline, fan-out, diamond).</summary>
public sealed class EventHandlerGroup<T>
{
    private readonly Disruptor<T> _disruptor;
    private readonly Sequence[] _sequences;

    internal EventHandlerGroup(Disruptor<T> disruptor, Sequence[] sequences)
    {
        _disruptor = disruptor;
        _sequences = sequences;
    }

    /// <summary>The progress sequences of the stages in this group.</summary>
    public IReadOnlyList<Sequence> Sequences => _sequences;

    /// <summary>Stages that see an entry only after every stage in this group has processed it.</summary>
    public EventHandlerGroup<T> Then(params IEventHandler<T>[] handlers) =>
        _disruptor.CreateProcessors(_sequences, [.. handlers.Select(h => (h, ProcessorOptions.Default))]);

    /// <summary>One stage with its own thread options, after this group.</summary>
    public EventHandlerGroup<T> Then(IEventHandler<T> handler, ProcessorOptions options) =>
        _disruptor.CreateProcessors(_sequences, [(handler, options)]);

    /// <summary>This group together with <paramref name="other"/>: a later stage waits for both (diamond).</summary>
    public EventHandlerGroup<T> And(EventHandlerGroup<T> other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return new EventHandlerGroup<T>(_disruptor, [.. _sequences, .. other._sequences]);
    }
}
