using LowLatency.Disruptor.Dsl;
using LowLatency.Disruptor.Tests.Support;

namespace LowLatency.Disruptor.Tests;

/// <summary>Each consumer-graph shape's ordering guarantee: a stage sees an entry only after the stages it depends on.</summary>
[TestFixture]
public sealed class GraphTests
{
    private const long Count = 200_000;

    [Test]
    public void Pipeline_stages_see_each_entry_after_the_previous_stage()
    {
        var a = new MarkingStage(1, requiredMarks: 0);
        var b = new MarkingStage(2, requiredMarks: 1);
        var c = new MarkingStage(4, requiredMarks: 1 | 2);
        Run(d => d.HandleEventsWith(a).Then(b).Then(c), c);
        AssertClean(a, b, c);
    }

    [Test]
    public void Fan_out_stages_each_see_every_entry()
    {
        var a = new MarkingStage(1, requiredMarks: 0);
        var b = new MarkingStage(2, requiredMarks: 0);
        Run(d => d.HandleEventsWith(a, b), a, b);
        AssertClean(a, b);
    }

    [Test]
    public void Diamond_joins_only_after_both_branches()
    {
        var a = new MarkingStage(1, requiredMarks: 0);
        var b = new MarkingStage(2, requiredMarks: 0);
        var c = new MarkingStage(4, requiredMarks: 1 | 2);
        Run(d => d.HandleEventsWith(a, b).Then(c), c);
        AssertClean(a, b, c);
    }

    [Test]
    public void After_and_And_build_the_same_diamond()
    {
        var a = new MarkingStage(1, requiredMarks: 0);
        var b = new MarkingStage(2, requiredMarks: 0);
        var c = new MarkingStage(4, requiredMarks: 1 | 2);
        Run(
            d =>
            {
                var left = d.HandleEventsWith(a);
                var right = d.HandleEventsWith(b);
                left.And(right).Then(c);
                Assert.That(d.After(a, b).Sequences, Has.Count.EqualTo(2));
            },
            c);
        AssertClean(a, b, c);
    }

    [Test]
    public void Only_the_ends_of_chains_gate_the_producer()
    {
        var a = new MarkingStage(1, 0);
        var b = new MarkingStage(2, 1);
        using var disruptor = new Disruptor<ValueEvent>(null, 64);
        disruptor.HandleEventsWith(a).Then(b);
        var ring = disruptor.RingBuffer;
        disruptor.GetProcessorFor(b).Sequence.SetValue(10);
        disruptor.GetProcessorFor(a).Sequence.SetValue(20);
        Assert.That(ring.GetMinimumGatingSequence(), Is.EqualTo(-1), "the cursor bounds it until something is published");
        for (var i = 0; i < 21; i++)
        {
            ring.Publish(ring.Next());
        }

        Assert.That(ring.GetMinimumGatingSequence(), Is.EqualTo(10), "b, the end of the chain, gates; a does not");
    }

    [Test]
    public void Stages_cannot_be_added_twice_or_after_start()
    {
        var a = new MarkingStage(1, 0);
        using var disruptor = new Disruptor<ValueEvent>(null, 64);
        disruptor.HandleEventsWith(a);
        Assert.Throws<ArgumentException>(() => disruptor.HandleEventsWith(a));
        disruptor.Start();
        Assert.Throws<InvalidOperationException>(() => disruptor.HandleEventsWith(new MarkingStage(2, 0)));
        Assert.Throws<InvalidOperationException>(() => disruptor.Start());
    }

    private static void Run(Action<Disruptor<ValueEvent>> build, params MarkingStage[] ends)
    {
        using var disruptor = new Disruptor<ValueEvent>(null, 256, ProducerType.Single, new YieldingWaitStrategy());
        build(disruptor);
        var ring = disruptor.Start();
        Publish.ValuesBounded(ring, Count);
        foreach (var end in ends)
        {
            Bounded.Wait(end.Done, $"stage {end.Mark}");
        }

        Assert.That(disruptor.Shutdown(Bounded.Timeout), Is.True);
    }

    private static void AssertClean(params MarkingStage[] stages)
    {
        foreach (var stage in stages)
        {
            Assert.That(stage.Error, Is.Null, $"stage {stage.Mark}");
            Assert.That(stage.Seen, Is.EqualTo(Count), $"stage {stage.Mark}");
        }
    }

    /// <summary>Checks the marks of the stages it depends on, then adds its own (atomically: fan-out stages share the entry).</summary>
    private sealed class MarkingStage(long mark, long requiredMarks) : IEventHandler<ValueEvent>
    {
        private readonly TaskCompletionSource _done = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private long _seen;

        public long Mark => mark;

        public long Seen => Volatile.Read(ref _seen);

        public string? Error { get; private set; }

        public Task Done => _done.Task;

        public void OnEvent(ref ValueEvent entry, long sequence, bool endOfBatch)
        {
            var marks = Interlocked.Or(ref entry.StageMark, mark);
            if (Error is null && (marks & requiredMarks) != requiredMarks)
            {
                Error = $"sequence {sequence}: saw marks {marks}, needed {requiredMarks}";
            }

            if (Error is null && entry.Value != sequence)
            {
                Error = $"sequence {sequence} carried {entry.Value}";
            }

            if (Interlocked.Increment(ref _seen) == Count)
            {
                _done.TrySetResult();
            }
        }
    }
}
