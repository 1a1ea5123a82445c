namespace LowLatency.Engine.Host.Configuration;

/// <summary>
/// One source of prices in <c>engine.json</c> (<c>feeds</c>, or the single <c>feed</c>): the seeded simulator
/// (<see cref="Symbols"/>, or every instrument no other feed prices), a CSV file replayed at a speed, or a FIX
/// market data session (<see cref="Session"/>, one of <c>venues.fix</c>) subscribed to <see cref="Symbols"/>, or Binance's
/// streams for <see cref="Symbols"/>.
/// </summary>
public sealed record FeedConfig
{
    /// <summary>The feed's name in statuses and metrics (default: its type); unique among the feeds.</summary>
    public string? Name { get; init; }

    /// <summary><c>simulator</c>, <c>csv</c>, <c>fix</c> or <c>binance</c>.</summary>
    public string Type { get; init; } = "simulator";

    /// <summary>Simulator: ticks per second over all its instruments.</summary>
    public double TicksPerSecond { get; init; } = 2_000;

    public ulong Seed { get; init; } = 42;

    /// <summary>Simulator: the symbols to simulate (empty: every instrument that no other feed prices). FIX: the symbols to subscribe to.</summary>
    public IReadOnlyList<string> Symbols { get; init; } = [];

    /// <summary>CSV: the file, and the symbol its rows belong to.</summary>
    public string? Path { get; init; }

    public string? Symbol { get; init; }

    /// <summary>CSV: replay speed (1 = real time, 60 = a minute per second); 0 = as fast as possible.</summary>
    public double Speed { get; init; } = 1;

    /// <summary>
    /// FIX: the session under <c>venues.fix</c> the prices come on. It may be a trading venue's own session (the
    /// requests then share it) or one that only carries market data, with its own CompIDs and schedule.
    /// </summary>
    public string? Session { get; init; }

    /// <summary>
    /// FIX: book levels to subscribe to (1: top of book, 0: the full book). Binance: above 1, the depth diffs kept in
    /// a local book (quotes from its top instead of bookTicker). Only the best of each side is traded on.
    /// </summary>
    public int Depth { get; init; } = 1;

    /// <summary>FIX and Binance: whether to subscribe to trades too (each one a last price and size for bars).</summary>
    public bool Trades { get; init; } = true;

    /// <summary>Binance: <c>spot</c> or <c>futures</c> (USDⓈ-M).</summary>
    public string Market { get; init; } = "spot";

    /// <summary>Binance: the testnet's addresses rather than production's.</summary>
    public bool Testnet { get; init; }

    /// <summary>Binance: the stream address, overriding the environment (<c>LL_BINANCE_WS_URL</c>, <c>LL_BINANCE_FUTURES_WS_URL</c>) and the built-in ones.</summary>
    public string? Url { get; init; }

    /// <summary>Binance: the REST address for depth snapshots and the backfill, overriding the environment (<c>LL_BINANCE_REST_URL</c>, …) and the built-in ones.</summary>
    public string? RestUrl { get; init; }

    /// <summary>Binance: closed 1m klines from the stream into the history store.</summary>
    public bool Klines { get; init; } = true;

    /// <summary>Binance futures: the <c>markPrice@1s</c> stream (mark price, index price, funding in <c>/api/health</c> and <c>/metrics</c>).</summary>
    public bool MarkPrice { get; init; } = true;

    /// <summary>Binance: at start, this many recent minutes of 1m klines fetched over REST into the history store (0–525,600; 0: none).</summary>
    public int BackfillMinutes { get; init; } = 1_440;

    /// <summary>The name used when none is given.</summary>
    public string DisplayName => string.IsNullOrWhiteSpace(Name) ? Type : Name;
}
