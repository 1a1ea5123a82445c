using LowLatency.Engine.Configuration;
using LowLatency.Engine.Host.Configuration;
using LowLatency.Engine.MarketData;
using LowLatency.Engine.Strategies;
using LowLatency.EventStream;

namespace LowLatency.Engine.Host;

/// <summary>
/// What a cluster shard may touch: the shard map checked against the registry, its risk budget (the limits
/// narrowed to its instruments, <see cref="Risk.RiskLimits.TradableSymbols"/>, and its share of the account), and
/// strategies on another shard's instrument refused at start. Without a map and a share (the embedded default)
/// the engine owns every instrument and the whole account. Everything that rebuilds a shard's state from its
/// journal starts from the same budget.
/// </summary>
internal static class ShardScope
{
    private const string File = "engine.json";

    public static ShardMap Map(EngineConfig config, InstrumentRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(config);
        CheckRiskSymbols(config.Risk, registry);
        try
        {
            return new ShardMap(config.Cluster.Shards, registry);
        }
        catch (ArgumentException e)
        {
            throw new ConfigException(File, "cluster.shards", e.Message);
        }
    }

    /// <summary>
    /// This shard's limits and capital: tradableSymbols narrowed to its instruments (as configured without a map),
    /// and its <see cref="ClusterConfig.RiskShare"/> of the account's capital, open positions, order rate and gross
    /// exposure (rounded down: a share that leaves less than one position or order a second is refused).
    /// </summary>
    public static (Risk.RiskLimits Risk, Portfolio.AccountOptions Account) Budget(EngineConfig config, ShardMap map, InstrumentRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(map);
        ArgumentNullException.ThrowIfNull(registry);
        var share = config.Cluster.RiskShare;
        var risk = config.Risk with
        {
            TradableSymbols = map.Shards.Count == 0 ? config.Risk.TradableSymbols : Own(config, map, registry),
            MaxOpenPositions = Floor(config.Risk.MaxOpenPositions, share, "risk.maxOpenPositions"),
            MaxOrdersPerSecond = Floor(config.Risk.MaxOrdersPerSecond, share, "risk.maxOrdersPerSecond"),
            MaxGrossExposure = config.Risk.MaxGrossExposure * (decimal)share,
        };
        return (risk, config.Account.Share(share));
    }

    private static List<string> Own(EngineConfig config, ShardMap map, InstrumentRegistry registry)
    {
        var shard = config.Cluster.Shard;
        var allowed = config.Risk.TradableSymbols.Select(s => registry.TryResolve(s, out var i) ? i.Id : -1).ToHashSet();
        var own = registry.All.Where(i => map.Owns(shard, i.Id) && (allowed.Count == 0 || allowed.Contains(i.Id))).Select(i => i.Symbol).ToList();
        return own.Count > 0
            ? own
            : throw new ConfigException(File, "cluster.shards", $"shard {shard} is left no instrument to trade (the map{(allowed.Count > 0 ? " and risk.tradableSymbols" : "")} name none for it)");
    }

    private static int Floor(int limit, double share, string field)
    {
        var budget = (int)Math.Floor(limit * share);
        return budget >= 1 ? budget : throw new ConfigException(File, "cluster.riskShare", $"a share of {share} leaves this shard none of {field} {limit}");
    }

    /// <summary>Refuses a strategy on an instrument another shard owns: its orders would all be refused, or worse, race the owner's.</summary>
    public static void CheckStrategies(IEnumerable<Strategy> strategies, ShardMap map, string shard)
    {
        ArgumentNullException.ThrowIfNull(strategies);
        ArgumentNullException.ThrowIfNull(map);
        foreach (var strategy in strategies.Where(s => !map.Owns(shard, s.Instrument.Id)))
        {
            throw new ConfigException(File, "cluster.shards",
                $"strategy '{strategy.Name}' trades {strategy.Instrument.Symbol}, which belongs to shard {map.OwnerName(strategy.Instrument.Id)}, not to this shard {shard}; move it to that shard's strategies");
        }
    }

    /// <summary>Symbols the risk limits name must be instruments: a typo would otherwise lift a limit silently.</summary>
    private static void CheckRiskSymbols(Risk.RiskLimits risk, InstrumentRegistry registry)
    {
        var named = risk.MaxOrderQuantity.Keys.Select(s => ("risk.maxOrderQuantity", s))
            .Concat(risk.StaleAfterMsBySymbol.Keys.Select(s => ("risk.staleAfterMsBySymbol", s)))
            .Concat(risk.TradableSymbols.Select(s => ("risk.tradableSymbols", s)));
        foreach (var (field, symbol) in named.Where(n => !registry.TryResolve(n.Item2, out _)))
        {
            throw new ConfigException(File, field, $"unknown symbol '{symbol}'");
        }
    }
}
