namespace LowLatency.Engine.MarketData;

/// <summary>A pull-based source of ticks in time order (history files, synthetic history, the simulator).</summary>
public interface ITickSource : IDisposable
{
    /// <summary>Describes the source for logs and results (e.g. <c>synthetic (seed 42)</c> or a file name).</summary>
    string Description { get; }

    /// <summary>Where its prices come from (<see cref="PriceSources"/>).</summary>
    string Source { get; }

    /// <summary>Progress through the source, 0–1.</summary>
    double Progress { get; }

    /// <summary>Writes the next tick; false at the end.</summary>
    bool TryNext(ref Tick tick);
}
