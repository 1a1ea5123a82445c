using LowLatency.Engine.Configuration;
using LowLatency.Engine.Host.Configuration;
using LowLatency.Engine.MarketData;

namespace LowLatency.Engine.Host.Feeds;

/// <summary>
/// Which feed prices which instrument, and the guard that keeps a real order off made-up prices: every
/// instrument has at most one feed (a simulator without symbols takes those no other feed names), and an
/// instrument routed to a real venue whose prices come from the simulator or a CSV replay is refused at start,
/// naming the instrument and both settings, unless <see cref="EngineConfig.AllowSimulatedPrices"/> says it is a demo.
/// </summary>
public sealed class FeedPlan
{
    private const string File = "engine.json";

    private FeedPlan(IReadOnlyList<(FeedConfig Config, int[] InstrumentIds, string Field)> feeds, string?[] sources)
    {
        Feeds = feeds;
        SourceByInstrument = sources;
    }

    /// <summary>Each feed with the instruments it prices and where it stands in <c>engine.json</c>.</summary>
    public IReadOnlyList<(FeedConfig Config, int[] InstrumentIds, string Field)> Feeds { get; }

    /// <summary>Per instrument id, the source of its prices, or null where no feed prices it (the one place that decides it).</summary>
    public IReadOnlyList<string?> SourceByInstrument { get; }

    /// <summary>Whether the simulator prices any instrument (the status says SIMULATED PRICES).</summary>
    public bool Simulated => SourceByInstrument.Any(s => s == PriceSources.Simulator);

    public static string SourceOf(FeedConfig feed) => feed.Type switch
    {
        "csv" => PriceSources.Csv,
        "fix" => PriceSources.Fix(feed.Session!),
        "binance" => PriceSources.Binance,
        _ => PriceSources.Simulator,
    };

    /// <param name="shards">In a cluster, the shard map: this shard's feeds price its own instruments only.</param>
    public static FeedPlan Build(EngineConfig config, InstrumentRegistry registry, EventStream.ShardMap? shards = null)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(registry);
        bool Owned(int id) => shards?.Owns(config.Cluster.Shard, id) ?? true;
        var configs = config.AllFeeds;
        var owner = new int[registry.Count];
        Array.Fill(owner, -1);
        var ids = configs.Select(_ => new List<int>()).ToArray();
        string FieldOf(int f) => config.Feeds.Count > 0 ? $"feeds[{f}]" : "feed";

        void Claim(int f, string symbol, string field)
        {
            if (!registry.TryResolve(symbol, out var instrument))
            {
                throw new ConfigException(File, field, $"unknown symbol '{symbol}'");
            }

            if (!Owned(instrument.Id))
            {
                throw new ConfigException(File, field, $"{instrument.Symbol} belongs to shard {shards!.OwnerName(instrument.Id)} (cluster.shards); shard {config.Cluster.Shard} prices its own instruments only");
            }

            if (owner[instrument.Id] >= 0 && owner[instrument.Id] != f)
            {
                throw new ConfigException(File, field, $"{instrument.Symbol} is priced by {FieldOf(owner[instrument.Id])} already; an instrument takes its prices from one feed");
            }

            if (owner[instrument.Id] < 0)
            {
                owner[instrument.Id] = f;
                ids[f].Add(instrument.Id);
            }
        }

        var catchAll = -1;
        for (var f = 0; f < configs.Count; f++)
        {
            var feed = configs[f];
            if (feed.Type == "csv")
            {
                Claim(f, feed.Symbol!, $"{FieldOf(f)}.symbol");
            }
            else if (feed.Symbols.Count > 0)
            {
                for (var s = 0; s < feed.Symbols.Count; s++)
                {
                    Claim(f, feed.Symbols[s], $"{FieldOf(f)}.symbols[{s}]");
                }
            }
            else if (catchAll >= 0)
            {
                throw new ConfigException(File, $"{FieldOf(f)}.symbols", $"{FieldOf(catchAll)} already simulates every instrument no other feed prices; name the symbols of this one");
            }
            else
            {
                catchAll = f;
            }
        }

        if (catchAll >= 0)
        {
            for (var id = 0; id < owner.Length; id++)
            {
                if (owner[id] < 0 && Owned(id))
                {
                    owner[id] = catchAll;
                    ids[catchAll].Add(id);
                }
            }
        }

        var sources = owner.Select(f => f < 0 ? null : SourceOf(configs[f])).ToArray();
        Guard(config, registry, owner, sources, FieldOf);
        return new FeedPlan([.. configs.Select((c, f) => (c, ids[f].ToArray(), FieldOf(f)))], sources);
    }

    private static void Guard(EngineConfig config, InstrumentRegistry registry, int[] owner, string?[] sources, Func<int, string> fieldOf)
    {
        foreach (var (symbol, route) in config.Venues.Instruments)
        {
            if (route.Venue == "paper" || !registry.TryResolve(symbol, out var instrument))
            {
                continue;
            }

            var source = sources[instrument.Id];
            if (source is not null && PriceSources.IsLive(source))
            {
                continue;
            }

            if (config.AllowSimulatedPrices && source is not null)
            {
                continue;
            }

            var venue = $"venues.instruments.{symbol}.venue";
            var why = source is null
                ? $"{instrument.Symbol} trades on the real venue '{route.Venue}' ({venue}) but no feed prices it; add a market data feed for it"
                : $"{instrument.Symbol} trades on the real venue '{route.Venue}' ({venue}) but its prices come from {fieldOf(owner[instrument.Id])} ({source}); " +
                  "strategies would send real orders on prices that are not the market's. Give it a live feed, route it to 'paper', or set \"allowSimulatedPrices\": true for a demo";
            throw new ConfigException(File, source is null ? venue : $"{fieldOf(owner[instrument.Id])}.type", why);
        }
    }
}
