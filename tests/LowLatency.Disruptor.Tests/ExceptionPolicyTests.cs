using LowLatency.Disruptor.Dsl;
using LowLatency.Disruptor.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;

namespace LowLatency.Disruptor.Tests;

[TestFixture]
public sealed class ExceptionPolicyTests
{
    [Test]
    public void Log_and_continue_skips_the_failing_entry_and_processes_the_rest()
    {
        var handler = new ThrowingHandler(failOn: 5);
        using var disruptor = new Disruptor<ValueEvent>(null, 64);
        disruptor.DefaultExceptionHandler = new LogAndContinueExceptionHandler(NullLogger.Instance);
        disruptor.HandleEventsWith(handler);
        Publish.Values(disruptor.Start(), 10);
        Assert.That(disruptor.Shutdown(Bounded.Timeout), Is.True);
        Assert.That(handler.Processed, Is.EqualTo(new long[] { 0, 1, 2, 3, 4, 6, 7, 8, 9 }));
        Assert.That(disruptor.GetProcessorFor(handler).Fault, Is.Null);
    }

    [Test]
    public void Halt_policy_stops_the_processor_and_records_the_fault()
    {
        var handler = new ThrowingHandler(failOn: 5);
        using var disruptor = new Disruptor<ValueEvent>(null, 64);
        disruptor.HandleEventsWith(handler, new ProcessorOptions { ExceptionHandler = new HaltOnExceptionHandler(NullLogger.Instance) });
        Publish.Values(disruptor.Start(), 10);
        var processor = disruptor.GetProcessorFor(handler);
        Bounded.Until(() => processor.Fault is not null, "the processor halts on the failure");
        Bounded.Until(() => !processor.IsRunning, "the processor's loop ends");
        Assert.That(processor.Fault, Is.TypeOf<InvalidOperationException>());
        Assert.That(handler.Processed, Is.EqualTo(new long[] { 0, 1, 2, 3, 4 }), "nothing after the failure is processed");
        Assert.That(processor.Sequence.Value, Is.LessThan(5), "the failed entry is not marked processed");
        Assert.That(disruptor.Shutdown(TimeSpan.FromMilliseconds(100)), Is.False, "a halted stage cannot drain");
    }

    [Test]
    public void Lifecycle_exceptions_go_to_the_policy_and_do_not_stop_the_stage()
    {
        var handler = new ThrowingLifecycleHandler();
        var policy = new CountingPolicy();
        using var disruptor = new Disruptor<ValueEvent>(null, 64) { DefaultExceptionHandler = policy };
        disruptor.HandleEventsWith(handler);
        Publish.Values(disruptor.Start(), 3);
        Assert.That(disruptor.Shutdown(Bounded.Timeout), Is.True);
        Assert.That(handler.Count, Is.EqualTo(3));
        Assert.That(policy.Starts, Is.EqualTo(1));
        Assert.That(policy.Shutdowns, Is.EqualTo(1));
    }

    private sealed class ThrowingHandler(long failOn) : IEventHandler<ValueEvent>
    {
        private readonly List<long> _processed = [];

        public long[] Processed
        {
            get
            {
                lock (_processed)
                {
                    return [.. _processed];
                }
            }
        }

        public void OnEvent(ref ValueEvent entry, long sequence, bool endOfBatch)
        {
            if (entry.Value == failOn)
            {
                throw new InvalidOperationException($"bad entry {entry.Value}");
            }

            lock (_processed)
            {
                _processed.Add(entry.Value);
            }
        }
    }

    private sealed class ThrowingLifecycleHandler : IEventHandler<ValueEvent>, ILifecycleHandler
    {
        public int Count { get; private set; }

        public void OnEvent(ref ValueEvent entry, long sequence, bool endOfBatch) => Count++;

        public void OnStart() => throw new InvalidOperationException("start");

        public void OnShutdown() => throw new InvalidOperationException("shutdown");
    }

    private sealed class CountingPolicy : IExceptionHandler
    {
        public int Starts { get; private set; }

        public int Shutdowns { get; private set; }

        public ExceptionDecision OnEventException(Exception exception, long sequence, string processorName) => ExceptionDecision.Continue;

        public void OnStartException(Exception exception, string processorName) => Starts++;

        public void OnShutdownException(Exception exception, string processorName) => Shutdowns++;
    }
}
