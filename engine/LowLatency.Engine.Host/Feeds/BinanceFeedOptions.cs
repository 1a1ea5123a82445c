using LowLatency.Binance;

namespace LowLatency.Engine.Host.Feeds;

/// <summary>What a <c>binance</c> feed subscribes to and where it keeps what it receives.</summary>
public sealed record BinanceFeedOptions
{
    public BinanceMarket Market { get; init; } = BinanceMarket.Spot;

    /// <summary>The stream address (<see cref="BinanceEndpoints.Streams"/> or the feed's <c>url</c>).</summary>
    public required Uri Streams { get; init; }

    /// <summary>The REST address, for depth snapshots and the backfill; null: neither is used.</summary>
    public Uri? Rest { get; init; }

    /// <summary>More than 1: the <c>depth</c> diffs kept in a local book by Binance's rule, and quotes from its top instead of <c>bookTicker</c>.</summary>
    public int Depth { get; init; } = 1;

    /// <summary>Trades (spot <c>trade</c>, futures <c>aggTrade</c>): each a last price and size beside the quote, for bars and volume.</summary>
    public bool Trades { get; init; }

    /// <summary>Closed <c>kline_1m</c> bars into the history store at <see cref="History"/>.</summary>
    public bool Klines { get; init; }

    /// <summary>Futures: the <c>markPrice@1s</c> stream, each symbol's mark price and funding (in the feed's status).</summary>
    public bool MarkPrice { get; init; }

    /// <summary>The history store closed klines and the backfill go to (null: none kept); the feed disposes it.</summary>
    public LowLatency.History.IBarStore? History { get; init; }

    /// <summary>When the next connection is opened beside the current one (Binance cuts each at 24 hours).</summary>
    public TimeSpan RotateAfter { get; init; } = TimeSpan.FromHours(23.5);

    /// <summary>At start, the last this many minutes of 1m klines fetched over REST into the history store (0: none).</summary>
    public int BackfillMinutes { get; init; }
}
