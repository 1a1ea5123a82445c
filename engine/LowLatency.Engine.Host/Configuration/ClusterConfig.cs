namespace LowLatency.Engine.Host.Configuration;

/// <summary>
/// The engine's place in a cluster (<c>cluster</c> in engine.json): its shard name, the NATS server its journal is
/// published to and its commands come from, and the shard map. With no <see cref="Nats"/> (the embedded default) nothing is published and nothing waits on it.
/// </summary>
public sealed record ClusterConfig
{
    /// <summary>The NATS server with JetStream, <c>nats://host:port</c>; null: no event stream.</summary>
    public string? Nats { get; init; }

    /// <summary>
    /// The cluster's PostgreSQL (an Npgsql connection string): the bar history store shared with the bridges and imports,
    /// which a feed's closed klines go into and a backtest reads. Null: SQLite under the data directory.
    /// </summary>
    public string? Database { get; init; }

    /// <summary>This engine's shard: its subject <c>ll.journal.SHARD</c>.</summary>
    public string Shard { get; init; } = "main";

    /// <summary>
    /// Which shard owns which instruments (shard → symbols), the same map in every shard's config and the bridges':
    /// a shard refuses orders for another's instruments, and a client sends each order to its owner. Empty: this
    /// shard owns all.
    /// </summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> Shards { get; init; } = new Dictionary<string, IReadOnlyList<string>>();

    /// <summary>
    /// This shard's pre-allocated share of the account, (0, 1]: of its capital (<c>account.initialBalance</c>), so
    /// the daily-loss and drawdown percentages apply to its slice, and of the account-wide counts and sums (open
    /// positions and the order rate rounded down, gross exposure). With shares that sum to at most 1 across the
    /// shards, every account limit holds whatever the shards do at once, and no order waits on another shard.
    /// </summary>
    public double RiskShare { get; init; } = 1;

    /// <summary>How long a command over NATS waits for the trading thread before its requester is told it timed out.</summary>
    public int CommandTimeoutMs { get; init; } = 5_000;

    /// <summary>
    /// How often the shard puts its instruments' latest quotes on the mark board (<c>LL_MARKS</c>), from which every
    /// bridge marks every shard's positions; 0: not at all.
    /// </summary>
    public int MarkIntervalMs { get; init; } = 250;

    /// <summary>Publishes in flight before the oldest must be acknowledged.</summary>
    public int PublishWindow { get; init; } = 256;
}
