using System.Threading.Channels;
using LowLatency.EventStream;
using LowLatency.ReadSide;
using Npgsql;

namespace LowLatency.Bridge.Cluster;

/// <summary>
/// Writes the cluster's audit rows to PostgreSQL (<c>ll_audit</c>) beside the requests, so no order waits for the
/// database: rows queue (bounded), and a task writes what has queued in one transaction; while PostgreSQL is away
/// they wait and are retried. What a full queue turns away, or a bridge stopping leaves unwritten, is counted and
/// logged as lost; the shards' journals have those commands all the same.
/// </summary>
public sealed partial class ClusterAuditWriter : IAsyncDisposable
{
    private const int MaxQueued = 100_000;
    private const int MaxBatch = 500;
    private static readonly TimeSpan DrainOnStop = TimeSpan.FromSeconds(5);
    private readonly Channel<ReadSideQueries.AuditRow> _rows = Channel.CreateBounded<ReadSideQueries.AuditRow>(new BoundedChannelOptions(MaxQueued) { SingleReader = true, FullMode = BoundedChannelFullMode.DropWrite });
    private readonly BackgroundRun _run = new();
    private readonly NpgsqlDataSource _database;
    private readonly ILogger _logger;
    private readonly List<ReadSideQueries.AuditRow> _pending = []; // taken from the queue, not yet written: under _writing
    private readonly SemaphoreSlim _writing = new(1, 1); // the loop and the final drain take turns
    private long _written;
    private long _lost;
    private bool _progressed;

    public ClusterAuditWriter(NpgsqlDataSource database, ILogger logger)
    {
        (_database, _logger) = (database, logger);
        _run.Start(stop => RetryLoop.RunAsync(WriteAsync, TookProgress, Failed, TimeSpan.FromMilliseconds(100), TimeSpan.FromSeconds(5), stop));
    }

    /// <summary>Rows written so far.</summary>
    public long Written => Interlocked.Read(ref _written);

    /// <summary>Rows lost: turned away by a full queue, or left unwritten at stop.</summary>
    public long Lost => Interlocked.Read(ref _lost);

    /// <summary>Queues a row; never waits.</summary>
    public void Add(ReadSideQueries.AuditRow row)
    {
        if (!_rows.Writer.TryWrite(row))
        {
            Interlocked.Increment(ref _lost);
            LogLost(_logger, 1, "the queue is full");
        }
    }

    /// <summary>Writes what is queued (bounded) and stops.</summary>
    public async ValueTask DisposeAsync()
    {
        _rows.Writer.TryComplete();
        using (var drain = new CancellationTokenSource(DrainOnStop))
        {
            try
            {
                await WriteAllAsync(drain.Token).ConfigureAwait(false);
            }
            catch (Exception e) when (e is NpgsqlException or OperationCanceledException or InvalidOperationException)
            {
                // counted below
            }
        }

        await _run.DisposeAsync().ConfigureAwait(false);
        var left = _pending.Count + _rows.Reader.Count;
        if (left > 0)
        {
            Interlocked.Add(ref _lost, left);
            LogLost(_logger, left, "the bridge stopped before PostgreSQL took them");
        }

        _writing.Dispose();
    }

    private async Task WriteAsync(CancellationToken stop)
    {
        do
        {
            await WriteAllAsync(stop).ConfigureAwait(false); // first what a failed round left taken from the queue
        }
        while (await _rows.Reader.WaitToReadAsync(stop).ConfigureAwait(false));
    }

    private async Task WriteAllAsync(CancellationToken stop)
    {
        await _writing.WaitAsync(stop).ConfigureAwait(false);
        try
        {
            while (_pending.Count > 0 || _rows.Reader.TryPeek(out _))
            {
                while (_pending.Count < MaxBatch && _rows.Reader.TryRead(out var row))
                {
                    _pending.Add(row);
                }

                await ReadSideQueries.WriteAuditAsync(_database, _pending, stop).ConfigureAwait(false);
                Interlocked.Add(ref _written, _pending.Count);
                _pending.Clear();
                _progressed = true;
            }
        }
        finally
        {
            _writing.Release();
        }
    }

    private bool TookProgress()
    {
        var progressed = _progressed;
        _progressed = false;
        return progressed;
    }

    private bool Failed(Exception e)
    {
        LogRetrying(_logger, _pending.Count + _rows.Reader.Count, e.Message);
        return true;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Audit: {Count} rows wait for PostgreSQL ({Why}); retrying")]
    private static partial void LogRetrying(ILogger logger, int count, string why);

    [LoggerMessage(Level = LogLevel.Error, Message = "Audit: {Count} rows lost ({Why}); the shards' journals have the commands")]
    private static partial void LogLost(ILogger logger, int count, string why);
}
