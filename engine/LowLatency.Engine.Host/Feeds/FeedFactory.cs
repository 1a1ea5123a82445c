using LowLatency.Disruptor;
using LowLatency.Engine.Host.Configuration;
using LowLatency.Engine.Host.Venues;
using LowLatency.Engine.MarketData;
using LowLatency.Engine.Pipeline;
using Microsoft.Extensions.Logging;

namespace LowLatency.Engine.Host.Feeds;

/// <summary>Builds the feeds of a <see cref="FeedPlan"/>; a FIX feed on a trading venue's session is attached to that venue (before the venue starts).</summary>
public static class FeedFactory
{
    public static List<IMarketFeed> Create(EngineConfig config, string dataDirectory, RingBuffer<EngineEvent> ring, InstrumentRegistry registry, FeedPlan plan,
        IReadOnlyList<FixVenue> venues, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(plan);
        var feeds = new List<IMarketFeed>();
        foreach (var (feed, ids, _) in plan.Feeds)
        {
            if (ids.Length == 0)
            {
                continue;
            }

            feeds.Add(feed.Type switch
            {
                "csv" => new ReplayFeed(feed.DisplayName, ring, new CsvTickSource(feed.Path!, registry[ids[0]]), ids[0], feed.Speed),
                "fix" => Fix(config, dataDirectory, ring, registry, feed, ids, venues, logger),
                "binance" => Binance(config, dataDirectory, ring, registry, feed, ids, logger),
                _ => new SimulatorFeed(feed.DisplayName, ring, new MarketSimulator(registry, new SimulatorOptions { Seed = feed.Seed }), ids, feed.TicksPerSecond),
            });
        }

        return feeds;
    }

    private static BinanceMarketDataFeed Binance(EngineConfig config, string dataDirectory, RingBuffer<EngineEvent> ring, InstrumentRegistry registry, FeedConfig feed, int[] ids,
        ILogger logger)
    {
        var market = feed.Market == "futures" ? LowLatency.Binance.BinanceMarket.UsdMFutures : LowLatency.Binance.BinanceMarket.Spot;
        var root = feed.Url is not null ? new Uri(feed.Url) : LowLatency.Binance.BinanceEndpoints.Streams(market, feed.Testnet);
        var symbols = new Dictionary<int, string>();
        foreach (var written in feed.Symbols)
        {
            // As the feed names it (BTCUSDT, an alias of BTC-USD), unless venues.instruments gives the venue's name.
            if (registry.TryResolve(written, out var instrument) && ids.Contains(instrument.Id))
            {
                symbols[instrument.Id] = VenueSymbol(config, registry, instrument.Id) ?? LowLatency.Binance.BinanceSymbol.Of(written, instrument.Aliases);
            }
        }

        var options = new BinanceFeedOptions
        {
            Market = market, Streams = root, Rest = feed.RestUrl is not null ? new Uri(feed.RestUrl) : LowLatency.Binance.BinanceEndpoints.Rest(market, feed.Testnet),
            Depth = feed.Depth, Trades = feed.Trades, Klines = feed.Klines, MarkPrice = feed.MarkPrice, History = feed.Klines || feed.BackfillMinutes > 0 ? LowLatency.History.BarStores.Open(dataDirectory, config.Cluster.Database) : null, BackfillMinutes = feed.BackfillMinutes,
        };
        return new BinanceMarketDataFeed(feed.DisplayName, ring, registry, symbols, options, logger);
    }

    /// <summary>The venue's name for an instrument where <c>venues.instruments</c> gives one.</summary>
    private static string? VenueSymbol(EngineConfig config, InstrumentRegistry registry, int id) =>
        config.Venues.Instruments.FirstOrDefault(r => registry.TryResolve(r.Key, out var i) && i.Id == id).Value?.Symbol;

    private static FixMarketDataFeed Fix(EngineConfig config, string dataDirectory, RingBuffer<EngineEvent> ring, InstrumentRegistry registry, FeedConfig feed, int[] ids,
        IReadOnlyList<FixVenue> venues, ILogger logger)
    {
        var session = feed.Session!;
        var venueSymbols = ids.ToDictionary(id => id, id => VenueSymbol(config, registry, id) ?? registry[id].Symbol);

        var venue = venues.FirstOrDefault(v => v.Name == session);
        var own = venue is null ? VenueSetup.SessionOptions(session, config.Venues.Fix[session], dataDirectory) : null;
        var created = new FixMarketDataFeed(feed.DisplayName, session, ring, registry, venueSymbols, feed.Depth, feed.Trades, own, logger);
        venue?.AttachMarketData(created);
        return created;
    }
}
