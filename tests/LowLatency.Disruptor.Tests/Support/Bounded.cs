namespace LowLatency.Disruptor.Tests.Support;

/// <summary>Bounds every wait in a concurrency test: a hang fails the test instead of stalling the run.</summary>
internal static class Bounded
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    /// <summary>Runs <paramref name="action"/> on a dedicated thread and fails if it does not finish in time.</summary>
    public static void Run(Action action, string what)
    {
        var task = Task.Factory.StartNew(action, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        Wait(task, what);
    }

    public static void Wait(Task task, string what)
    {
        if (!task.Wait(Timeout))
        {
            Assert.Fail($"Timed out after {Timeout} waiting for: {what}");
        }
    }

    /// <summary>Waits (yielding, never sleeping) until <paramref name="condition"/> holds, failing after the timeout.</summary>
    public static void Until(Func<bool> condition, string what)
    {
        var deadline = Environment.TickCount64 + (long)Timeout.TotalMilliseconds;
        var spin = default(SpinWait);
        while (!condition())
        {
            if (Environment.TickCount64 > deadline)
            {
                Assert.Fail($"Timed out after {Timeout} waiting for: {what}");
            }

            spin.SpinOnce();
        }
    }
}
