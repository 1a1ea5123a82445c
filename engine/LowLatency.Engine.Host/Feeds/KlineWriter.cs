using System.Threading.Channels;
using LowLatency.Analytics;
using LowLatency.Binance;
using LowLatency.Engine.MarketData;
using LowLatency.History;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using LowLatency.History.Binance;

namespace LowLatency.Engine.Host.Feeds;

/// <summary>
/// Closed klines from a feed's stream into the history store, on a writer of its own so the feed thread never
/// waits for the disk; written by the store's rule (source <c>binance</c>), like the backfill's, so a kline the
/// backfill wrote too is the same row.
/// </summary>
public sealed partial class KlineWriter : IDisposable
{
    private readonly Channel<(string Symbol, BinanceKline Kline)> _queue = Channel.CreateBounded<(string, BinanceKline)>(
        new BoundedChannelOptions(10_000) { SingleReader = true, FullMode = BoundedChannelFullMode.DropOldest });
    private readonly string _path;
    private readonly ILogger _logger;
    private readonly Task _writer;
    private long _stored;

    public KlineWriter(string databasePath, ILogger logger)
    {
        (_path, _logger) = (databasePath, logger);
        _writer = Task.Run(WriteAsync);
    }

    /// <summary>Klines written so far.</summary>
    public long Stored => Interlocked.Read(ref _stored);

    /// <summary>Queues a closed kline of our <paramref name="symbol"/>; never waits.</summary>
    public void Store(string symbol, in BinanceKline kline) => _queue.Writer.TryWrite((symbol, kline));

    public void Dispose()
    {
        _queue.Writer.TryComplete();
        _writer.Wait(TimeSpan.FromSeconds(5)); // what was queued is written before the process goes
    }

    private async Task WriteAsync()
    {
        try
        {
            using var connection = HistoryDatabase.Open(_path);
            using var command = connection.CreateCommand();
            BarRows.PrepareUpsert(command);
            await foreach (var (symbol, kline) in _queue.Reader.ReadAllAsync().ConfigureAwait(false))
            {
                KlineRows.Bind(command, symbol, kline); // executes
                Interlocked.Increment(ref _stored);
            }
        }
        catch (Exception e) when (e is SqliteException or IOException or InvalidOperationException)
        {
            LogWriteFailed(_logger, _path, e.Message); // the stream's bars are lost, never the trading; a backfill fills them in later
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Binance klines: the history store {Path} could not be written ({Why}); the stream's bars are no longer kept")]
    private static partial void LogWriteFailed(ILogger logger, string path, string why);
}
