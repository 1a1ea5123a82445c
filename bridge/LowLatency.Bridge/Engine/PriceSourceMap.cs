using LowLatency.Engine.MarketData;
using LowLatency.Ipc;

namespace LowLatency.Bridge.Engine;

/// <summary>
/// Where each instrument's prices come from, as the engine's latest figures say (<see cref="EngineStats.Feeds"/>):
/// what every price update and every bar built from the engine's prices is labelled with. The engine sends its
/// figures first on each connection, so a quote never arrives before its source is known.
/// </summary>
public sealed class PriceSourceMap(InstrumentRegistry registry)
{
    private string?[] _sources = new string?[registry.Count];

    /// <summary>Whether the simulator prices any instrument (the engine's SIMULATED PRICES).</summary>
    public bool Simulated { get; private set; }

    /// <summary>Whether real venues were allowed to trade on simulated prices (a demo).</summary>
    public bool AllowSimulatedPrices { get; private set; }

    /// <summary>The link's read loop: takes the sources from the engine's latest figures.</summary>
    public void Update(EngineStats stats)
    {
        ArgumentNullException.ThrowIfNull(stats);
        if (stats.Feeds is null)
        {
            return;
        }

        var sources = new string?[registry.Count];
        foreach (var feed in stats.Feeds)
        {
            foreach (var symbol in feed.Symbols)
            {
                if (registry.TryResolve(symbol, out var instrument))
                {
                    sources[instrument.Id] = feed.Source;
                }
            }
        }

        (Simulated, AllowSimulatedPrices) = (stats.SimulatedPrices, stats.AllowSimulatedPrices);
        Volatile.Write(ref _sources, sources);
    }

    /// <summary>The instrument's source (<see cref="PriceSources"/>), or null while the engine has not said.</summary>
    public string? Of(int instrumentId) => Volatile.Read(ref _sources)[instrumentId];

    /// <summary>Whether a live market feed prices the instrument now (not the simulator, not a replay).</summary>
    public bool HasLiveFeed(int instrumentId) => Of(instrumentId) is { } source && PriceSources.IsLive(source);
}
