using LowLatency.Engine.Execution;
using LowLatency.Engine.Portfolio;
using LowLatency.Engine.Risk;
using LowLatency.Engine.State;
using LowLatency.Ipc.Server;

namespace LowLatency.Engine.Host.Configuration;

/// <summary>The engine's <c>config/engine.json</c>: ring, thread layout, feed, strategies, account, risk, venue, journal, reporting.</summary>
public sealed record EngineConfig
{
    public RingConfig Ring { get; init; } = new();

    /// <summary>Which stages run on which thread; together they hold every stage once, in pipeline order.</summary>
    public IReadOnlyList<ThreadConfig> Threads { get; init; } = [];

    /// <summary>The single feed of older configurations; ignored when <see cref="Feeds"/> lists any.</summary>
    public FeedConfig Feed { get; init; } = new();

    /// <summary>Every source of prices, each pricing its own instruments (<see cref="FeedConfig"/>).</summary>
    public IReadOnlyList<FeedConfig> Feeds { get; init; } = [];

    /// <summary>The feeds this run uses: <see cref="Feeds"/>, else the one <see cref="Feed"/>.</summary>
    public IReadOnlyList<FeedConfig> AllFeeds => Feeds.Count > 0 ? Feeds : [Feed];

    /// <summary>
    /// For a demo only: lets an instrument that trades on a real venue take its prices from the simulator or a CSV
    /// replay, which is otherwise refused at start. The status line and <c>/api/health</c> repeat that it is on.
    /// </summary>
    public bool AllowSimulatedPrices { get; init; }

    public string Instruments { get; init; } = "config/instruments.json";

    /// <summary>The directory of strategy files.</summary>
    public string Strategies { get; init; } = "config/strategies";

    /// <summary>Start trading as soon as the engine is up (else it waits for a start command).</summary>
    public bool AutoStart { get; init; } = true;

    public AccountOptions Account { get; init; } = new();

    public RiskLimits Risk { get; init; } = new();

    public PaperExchangeOptions Exchange { get; init; } = new();

    /// <summary>Real venues (FIX sessions) and the instruments routed to them; everything else trades on <see cref="Exchange"/>.</summary>
    public VenuesConfig Venues { get; init; } = new();

    public JournalOptions Journal { get; init; } = new();

    /// <summary>The shard name and the event stream (none by default).</summary>
    public ClusterConfig Cluster { get; init; } = new();

    /// <summary>
    /// Milliseconds between throw-away orders that keep the order path hot while the trading thread idles
    /// (<see cref="Pipeline.OrderPathWarmer"/>); 0 turns it off.
    /// </summary>
    public double WarmOrderPathMs { get; init; } = 0.2;

    /// <summary>The bridge link (loopback TCP).</summary>
    public LinkOptions Ipc { get; init; } = new();

    /// <summary>Seconds between status lines.</summary>
    public double StatusIntervalSeconds { get; init; } = 5;
}
