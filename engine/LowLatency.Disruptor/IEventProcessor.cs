namespace LowLatency.Disruptor;

/// <summary>A consumer loop that runs on a thread of its own and exposes its progress as a sequence.</summary>
public interface IEventProcessor
{
    string Name { get; }

    /// <summary>The last sequence this processor has finished with.</summary>
    Sequence Sequence { get; }

    bool IsRunning { get; }

    /// <summary>The exception that halted the processor, if an <see cref="ExceptionDecision.Halt"/> policy stopped it.</summary>
    Exception? Fault { get; }

    /// <summary>Runs the loop on the calling thread until <see cref="Halt"/>.</summary>
    void Run();

    /// <summary>Asks the loop to stop after the entry in hand; does not wait.</summary>
    void Halt();

    /// <summary>Blocks until the loop is running (or has already finished); false on timeout.</summary>
    bool WaitUntilStarted(TimeSpan timeout);
}
