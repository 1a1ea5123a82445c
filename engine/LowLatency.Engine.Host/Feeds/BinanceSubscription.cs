using LowLatency.Binance;
using LowLatency.Engine.MarketData;

namespace LowLatency.Engine.Host.Feeds;

/// <summary>One instrument on a Binance feed: its names, its local depth book (when kept), the snapshot in flight and what was last published. The feed thread's alone.</summary>
internal sealed class BinanceSubscription(string symbol, Instrument instrument, DepthBookSync? book)
{
    public string Name { get; } = symbol.ToUpperInvariant();

    /// <summary>Binance's symbol as its events write it (<c>BTCUSDT</c>).</summary>
    public byte[] Symbol { get; } = System.Text.Encoding.ASCII.GetBytes(symbol.ToUpperInvariant());

    /// <summary>As stream names write it (<c>btcusdt</c>).</summary>
    public byte[] StreamSymbol { get; } = System.Text.Encoding.ASCII.GetBytes(symbol.ToLowerInvariant());

    public Instrument Instrument { get; } = instrument;

    public DepthBookSync? Book { get; } = book;

    public Task<BinanceAnswer>? Snapshot { get; set; }

    /// <summary>No snapshot is asked for before this (Stopwatch ticks): a failing one backs off.</summary>
    public long NextSnapshotTicks { get; set; }

    public int SnapshotFailures { get; set; }

    /// <summary>The last trade id published (trades of a symbol come in increasing ids).</summary>
    public long LastTradeId { get; set; } = -1;

    public long PublishedBid { get; set; }

    public long PublishedAsk { get; set; }

    /// <summary>The latest mark price event (futures), written by the feed's thread and read by the status reporter's under <see cref="MarkLock"/>.</summary>
    public (decimal Mark, decimal Index, decimal FundingRate, long NextFundingMs, long TimeMs) Mark { get; set; }

    public Lock MarkLock { get; } = new();
}
