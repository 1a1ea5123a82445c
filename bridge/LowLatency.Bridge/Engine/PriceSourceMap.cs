using LowLatency.Engine.MarketData;
using LowLatency.Ipc;

namespace LowLatency.Bridge.Engine;

/// <summary>
/// Where each instrument's prices come from, as the engine's latest figures say (<see cref="EngineStats.Feeds"/>):
/// what every price update and every bar built from the engine's prices is labelled with. The engine sends its
/// figures first on each connection, so a quote never arrives before its source is known. A cluster bridge that
/// serves the frontend takes the instruments its engine does not own from their owners' marks instead
/// (<see cref="PriceFromCluster"/>), each labelled with its owner's source.
/// </summary>
public sealed class PriceSourceMap(InstrumentRegistry registry)
{
    private string?[] _sources = new string?[registry.Count];
    private bool[] _fromCluster = new bool[registry.Count];
    private readonly string?[] _clusterSources = new string?[registry.Count];
    private readonly bool[] _clusterStale = new bool[registry.Count];
    private bool _engineSimulated;

    /// <summary>Whether the simulator prices any instrument shown (the engine's SIMULATED PRICES, or an owner's).</summary>
    public bool Simulated => Volatile.Read(ref _fromCluster).Contains(true) ? registry.All.Any(i => Of(i.Id) == PriceSources.Simulator) : _engineSimulated;

    /// <summary>From now on the instruments in <paramref name="instrumentIds"/> are priced by their owners' marks, not this bridge's engine.</summary>
    public void PriceFromCluster(IEnumerable<int> instrumentIds)
    {
        var fromCluster = new bool[registry.Count];
        foreach (var id in instrumentIds)
        {
            fromCluster[id] = true;
        }

        Volatile.Write(ref _fromCluster, fromCluster);
    }

    /// <summary>Whether the instrument's prices come from its owner's marks (<see cref="PriceFromCluster"/>).</summary>
    public bool FromCluster(int instrumentId) => Volatile.Read(ref _fromCluster)[instrumentId];

    /// <summary>An owner's mark: its source and whether its risk checks hold the prices stale.</summary>
    public void OnMark(int instrumentId, string? source, bool stale)
    {
        Volatile.Write(ref _clusterSources[instrumentId], source);
        Volatile.Write(ref _clusterStale[instrumentId], stale);
    }

    /// <summary>The stale instruments: the engine's (<paramref name="engineStale"/>) of those it prices, and the owners' of the others.</summary>
    public IReadOnlyList<string> Stale(IReadOnlyList<string>? engineStale) =>
        [.. registry.All.Where(i => FromCluster(i.Id) ? Volatile.Read(ref _clusterStale[i.Id]) : engineStale?.Contains(i.Symbol, StringComparer.Ordinal) == true).Select(i => i.Symbol)];

    /// <summary>Whether the simulator prices any instrument the cluster prices (what is shown while the engine is away).</summary>
    public bool ClusterSimulated => registry.All.Any(i => FromCluster(i.Id) && Of(i.Id) == PriceSources.Simulator);

    /// <summary>The stale instruments among those the cluster prices (what is shown while the engine is away).</summary>
    public IReadOnlyList<string> ClusterStale() => [.. registry.All.Where(i => FromCluster(i.Id) && Volatile.Read(ref _clusterStale[i.Id])).Select(i => i.Symbol)];

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

        (_engineSimulated, AllowSimulatedPrices) = (stats.SimulatedPrices, stats.AllowSimulatedPrices);
        Volatile.Write(ref _sources, sources);
    }

    /// <summary>The instrument's source (<see cref="PriceSources"/>), or null while the engine has not said.</summary>
    public string? Of(int instrumentId) => FromCluster(instrumentId) ? Volatile.Read(ref _clusterSources[instrumentId]) : Volatile.Read(ref _sources)[instrumentId];

    /// <summary>Whether a live market feed prices the instrument now (not the simulator, not a replay).</summary>
    public bool HasLiveFeed(int instrumentId) => Of(instrumentId) is { } source && PriceSources.IsLive(source);
}
