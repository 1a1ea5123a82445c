using System.Diagnostics;
using LowLatency.Binance;
using Microsoft.Extensions.Logging;
using LowLatency.History;
using LowLatency.History.Binance;

namespace LowLatency.Engine.Host.Feeds;

/// <summary>
/// The streams beside the quotes: trades (a last price and size beside the latest quote), depth diffs kept in a
/// local book by Binance's rule (diffs buffered while a REST snapshot is fetched; any break makes the book stale,
/// counts a gap and fetches a new snapshot, and no quote comes from it meanwhile), and 1m klines (closed ones into
/// the history store, off this thread), with the REST backfill of recent klines at start.
/// </summary>
public sealed partial class BinanceMarketDataFeed
{
    private static readonly long SnapshotRetryTicks = Stopwatch.Frequency;
    private readonly DepthLevel[] _levels = new DepthLevel[10_000];
    private readonly HttpClient? _http;
    private readonly BinanceRestClient? _rest;
    private readonly BarWriteQueue? _klines;

    /// <summary>Closed klines handed to the history store so far.</summary>
    public long KlinesStored => _klines?.Written ?? 0;

    /// <summary>Breaks in the depth numbering so far, each followed by a new snapshot.</summary>
    public int DepthResyncs => _subscriptions.Sum(s => s.Book?.Resyncs ?? 0);

    /// <summary>Whether every depth book is live (true when none is kept).</summary>
    public bool BooksLive => _subscriptions.All(s => s.Book?.Live ?? true);

    private IEnumerable<string> Streams(string symbol, bool depth)
    {
        yield return depth ? $"{symbol}@depth@100ms" : $"{symbol}@bookTicker";
        if (_options.Trades)
        {
            yield return _options.Market == BinanceMarket.Spot ? $"{symbol}@trade" : $"{symbol}@aggTrade";
        }

        if (_options.Klines)
        {
            yield return $"{symbol}@kline_1m";
        }

        if (_options.MarkPrice && _options.Market == BinanceMarket.UsdMFutures)
        {
            yield return $"{symbol}@markPrice@1s";
        }
    }

    /// <summary>Each futures symbol's latest mark price and funding (null on spot, or before the first event).</summary>
    public IReadOnlyList<LowLatency.Ipc.FeedMark>? Marks
    {
        get
        {
            var marks = new List<LowLatency.Ipc.FeedMark>();
            foreach (var subscription in _subscriptions)
            {
                lock (subscription.MarkLock)
                {
                    var (mark, index, funding, next, time) = subscription.Mark;
                    if (time > 0)
                    {
                        marks.Add(new LowLatency.Ipc.FeedMark(subscription.Name, mark, index, funding, next, time));
                    }
                }
            }

            return marks.Count == 0 ? null : marks;
        }
    }

    private void OnMarkPrice(BinanceSubscription subscription, ReadOnlySpan<byte> message)
    {
        if (!MarkPriceReader.TryRead(message, out var mark, out var index, out var funding, out var next, out var time))
        {
            Refused("a message that is not a markPriceUpdate event");
            return;
        }

        lock (subscription.MarkLock)
        {
            subscription.Mark = (mark, index, funding, next, time);
        }
    }

    private void OnTrade(BinanceSubscription subscription, ReadOnlySpan<byte> message)
    {
        if (!TradeReader.TryRead(message, out var id, out var price, out var quantity, out _))
        {
            Refused("a trade event that is not whole");
            return;
        }

        if (id <= subscription.LastTradeId)
        {
            return; // seen already: both connections carry it while one hands over to the other
        }

        subscription.LastTradeId = id;

        if (subscription.PublishedBid <= 0)
        {
            return; // a trade waits for the first quote, which it is published beside
        }

        var instrument = subscription.Instrument;
        var ticks = instrument.NearestTicks(price);
        if (ticks <= 0)
        {
            Refused("a trade below one tick");
            return;
        }

        Publish(subscription, subscription.PublishedBid, subscription.PublishedAsk, ticks, Math.Max(1, instrument.NearestLots(quantity)));
    }

    private void OnDepth(BinanceSubscription subscription, ReadOnlySpan<byte> message)
    {
        if (!DepthMessageReader.TryReadDiff(message, _levels, out var update, out var count, out var error))
        {
            Refused(error ?? "a depth diff that is not whole");
            return;
        }

        AfterSync(subscription, subscription.Book!.OnDiff(update, _levels.AsSpan(0, count)));
    }

    private void AfterSync(BinanceSubscription subscription, DepthSyncOutcome outcome)
    {
        var book = subscription.Book!;
        switch (outcome)
        {
            case DepthSyncOutcome.Applied:
                if (book.Bids.Count > 0 && book.Asks.Count > 0)
                {
                    var instrument = subscription.Instrument;
                    var (bid, ask) = (instrument.NearestTicks(book.Bids.PriceAt(0)), instrument.NearestTicks(book.Asks.PriceAt(0)));
                    if (bid != subscription.PublishedBid || ask != subscription.PublishedAsk)
                    {
                        Quote(subscription, bid, ask);
                    }
                }

                if (BooksLive)
                {
                    Counters.SetProblem(null);
                }

                return;
            case DepthSyncOutcome.Gap:
                Counters.Gap();
                Counters.SetProblem($"{subscription.Name} depth: {book.Problem}");
                LogDepthGap(_logger, Name, subscription.Name, book.Problem ?? "", book.Resyncs);
                RequestSnapshot(subscription);
                return;
            case DepthSyncOutcome.Buffered or DepthSyncOutcome.SnapshotTooOld:
                RequestSnapshot(subscription);
                return;
            default:
                return;
        }
    }

    /// <summary>Fetches a snapshot while the diffs keep arriving and buffering (Binance's order: buffer first, then fetch); one at a time per symbol, backing off while they fail.</summary>
    private void RequestSnapshot(BinanceSubscription subscription)
    {
        if (subscription.Snapshot is not null || Stopwatch.GetTimestamp() < subscription.NextSnapshotTicks || _rest is null)
        {
            return;
        }

        var (path, weight) = _options.Market == BinanceMarket.Spot ? ("/api/v3/depth", 50) : ("/fapi/v1/depth", 20); // limit 1000
        subscription.Snapshot = _rest.PublicAsync(path, $"symbol={subscription.Name}&limit=1000", weight, _stop.Token);
    }

    /// <summary>
    /// The next message; while a snapshot is in flight, a snapshot that comes back first is applied at once (on
    /// this thread, which owns the books) rather than at the next message.
    /// </summary>
    private async ValueTask<int> ReceiveOrSnapshotAsync(ValueTask<int> receive)
    {
        if (receive.IsCompleted || PendingSnapshot() is not { } snapshot)
        {
            return await receive.ConfigureAwait(false);
        }

        var received = receive.AsTask();
        while (snapshot is not null && await Task.WhenAny(received, snapshot).ConfigureAwait(false) != received)
        {
            PollSnapshots();
            snapshot = PendingSnapshot();
        }

        return await received.ConfigureAwait(false);
    }

    private Task<BinanceAnswer>? PendingSnapshot()
    {
        foreach (var subscription in _subscriptions)
        {
            if (subscription.Snapshot is { } snapshot)
            {
                return snapshot;
            }
        }

        return null;
    }

    /// <summary>Applies the snapshots that came back (on the feed thread, between messages).</summary>
    private void PollSnapshots()
    {
        foreach (var subscription in _subscriptions)
        {
            if (subscription.Snapshot is not { IsCompleted: true } task)
            {
                continue;
            }

            subscription.Snapshot = null;
            var answer = task.IsCompletedSuccessfully ? task.Result : BinanceAnswer.Lost("the snapshot request ended");
            long lastUpdateId = 0;
            int count = 0;
            var error = answer.Ok ? null : answer.ToString();
            if (error is null && !DepthMessageReader.TryReadSnapshot(System.Text.Encoding.UTF8.GetBytes(answer.Body), _levels, out lastUpdateId, out count, out error))
            {
                error ??= "not a depth snapshot";
            }

            if (error is not null)
            {
                subscription.SnapshotFailures++;
                subscription.NextSnapshotTicks = Stopwatch.GetTimestamp() + (SnapshotRetryTicks * Math.Min(30, 1 << Math.Min(subscription.SnapshotFailures, 5)));
                Counters.SetProblem($"{subscription.Name} depth snapshot: {error}");
                continue;
            }

            subscription.SnapshotFailures = 0;
            AfterSync(subscription, subscription.Book!.OnSnapshot(lastUpdateId, _levels.AsSpan(0, count)));
        }
    }

    private void OnKline(BinanceSubscription subscription, ReadOnlySpan<byte> message)
    {
        // A kline event comes every two seconds or so per symbol: read as a document, off the quote path's rule.
        if (!KlineReader.TryReadEvent(message, out _, out var kline, out var why))
        {
            Refused(why ?? "a kline event that is not whole");
            return;
        }

        if (kline.Closed)
        {
            _klines?.Write(KlineRows.Bar(subscription.Instrument.Symbol, kline));
        }
    }

    /// <summary>The recent klines over REST into the history store, in the background, within the weight budget; a failure is logged, never fatal.</summary>
    private void StartBackfill()
    {
        if (_options.BackfillMinutes <= 0 || _rest is null || _options.History is null)
        {
            return;
        }

        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        var from = now - (_options.BackfillMinutes * 60_000L);
        foreach (var subscription in _subscriptions)
        {
            _ = Task.Run(async () =>
            {
                try
                {
                    var result = await KlineBackfill.RunAsync(_rest, _options.Market, subscription.Name, subscription.Instrument.Symbol, from, now, _options.History, cancel: _stop.Token)
                        .ConfigureAwait(false);
                    LogBackfilled(_logger, Name, subscription.Instrument.Symbol, result.Rows, result.Gaps.Count);
                }
                catch (Exception e) when (e is InvalidOperationException or OperationCanceledException or IOException or System.Data.Common.DbException)
                {
                    LogBackfillFailed(_logger, Name, subscription.Instrument.Symbol, e.Message);
                }
            });
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Binance feed {Feed}: {Symbol}'s depth book is stale ({Why}); resync {Resyncs} from a new snapshot")]
    private static partial void LogDepthGap(ILogger logger, string feed, string symbol, string why, int resyncs);

    [LoggerMessage(Level = LogLevel.Information, Message = "Binance feed {Feed}: backfilled {Rows} one-minute bars of {Symbol}, {Gaps} gaps")]
    private static partial void LogBackfilled(ILogger logger, string feed, string symbol, long rows, int gaps);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Binance feed {Feed}: the backfill of {Symbol} failed: {Why}")]
    private static partial void LogBackfillFailed(ILogger logger, string feed, string symbol, string why);
}
