namespace LowLatency.Engine.Host.Feeds;

/// <summary>
/// A source of prices for some instruments, publishing into the ring through a <see cref="TickPublisher"/> from
/// its own thread: the simulator, a CSV replay, a FIX market data session.
/// </summary>
public interface IMarketFeed : IDisposable
{
    /// <summary>The feed's name in <c>engine.json</c>.</summary>
    string Name { get; }

    /// <summary>The source its prices carry (<see cref="LowLatency.Engine.MarketData.PriceSources"/>).</summary>
    string Source { get; }

    /// <summary>The instruments it prices.</summary>
    IReadOnlyList<int> InstrumentIds { get; }

    FeedCounters Counters { get; }

    /// <summary>Futures symbols' latest mark prices and funding, where the feed has them.</summary>
    IReadOnlyList<LowLatency.Ipc.FeedMark>? Marks => null;

    void Start();

    /// <summary>Stops publishing and returns once its thread ended.</summary>
    void Stop();
}
