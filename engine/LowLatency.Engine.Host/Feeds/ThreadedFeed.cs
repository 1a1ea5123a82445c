using LowLatency.Disruptor;
using LowLatency.Engine.Pipeline;

namespace LowLatency.Engine.Host.Feeds;

/// <summary>
/// What every feed that runs its own thread shares: the thread named after the feed, a stop flag the publisher
/// honours while the ring is full, and the connected state around the run.
/// </summary>
public abstract class ThreadedFeed : IMarketFeed
{
    private bool _stopping;
    private Thread? _running;

    protected ThreadedFeed(string name, RingBuffer<EngineEvent> ring, IReadOnlyList<int> instrumentIds)
    {
        Name = name;
        InstrumentIds = instrumentIds;
        Publisher = new TickPublisher(ring, Counters);
    }

    public string Name { get; }

    public abstract string Source { get; }

    public IReadOnlyList<int> InstrumentIds { get; }

    public FeedCounters Counters { get; } = new();

    protected TickPublisher Publisher { get; }

    protected bool Stopping => Volatile.Read(ref _stopping);

    public void Start()
    {
        Counters.SetConnected(true);
        _running = new Thread(Run) { IsBackground = true, Name = "ll-feed-" + Name };
        _running.Start();
    }

    public void Stop()
    {
        Volatile.Write(ref _stopping, true);
        OnStopping();
        _running?.Join();
        Counters.SetConnected(false);
    }

    public void Dispose()
    {
        Stop();
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    /// <summary>Publishes <paramref name="tick"/>; false once stopping while the ring was full.</summary>
    protected bool Publish(in MarketData.Tick tick) => Publisher.Publish(tick, ref _stopping);

    /// <summary>The feed's thread: publishes until <see cref="Stopping"/> or the end of its source.</summary>
    protected abstract void Run();

    /// <summary>Stop was asked: wake the thread where it may be waiting on something other than the ring (a socket).</summary>
    protected virtual void OnStopping()
    {
    }

    protected virtual void Dispose(bool disposing)
    {
    }
}
