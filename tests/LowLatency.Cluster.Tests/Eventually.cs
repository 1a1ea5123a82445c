namespace LowLatency.Cluster.Tests;

/// <summary>Waits, bounded, for what a task or a server of its own does: engines, publishers and projectors report progress as counters to poll.</summary>
public static class Eventually
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(60);

    public static void Until(Func<bool> condition, string what)
    {
        ArgumentNullException.ThrowIfNull(condition);
        var deadline = Environment.TickCount64 + (long)Wait.TotalMilliseconds;
        while (!condition())
        {
            Assert.That(Environment.TickCount64, Is.LessThan(deadline), what);
            Thread.Sleep(10); // no event to wait on: the progress is a counter on another thread
        }
    }
}
