using System.Threading.Channels;
using LowLatency.Engine.MarketData;
using LowLatency.Engine.Portfolio;
using LowLatency.EventStream;
using Microsoft.Extensions.Logging;
using NATS.Client.Core;
using NATS.Client.JetStream;
using Npgsql;

namespace LowLatency.ReadSide;

/// <summary>
/// A bridge's projection of one shard, on a task of its own: loads the shared projection's snapshot, reads the
/// shard's stream from there and writes each batch in one transaction (<see cref="ShardProjection"/>). Whatever
/// fails — NATS, PostgreSQL, a record out of sequence — the round ends and the next starts again from what the
/// database holds, so a restart of either server, or of the bridge, converges without a record written twice.
/// </summary>
public sealed partial class ShardProjector(ShardProjectorOptions options, InstrumentRegistry registry, AccountOptions account, ILogger logger) : IAsyncDisposable
{
    private readonly BackgroundRun _run = new();
    private readonly NpgsqlDataSource _database = NpgsqlDataSource.Create(options.Database);
    private ShardProjection? _projection;
    private long _announced = -1;
    private bool _roundRead;

    /// <summary>
    /// After each batch this bridge's mirror applied (written by this bridge or found written by another): the shard
    /// and the records (after, up to] that are now on the read side. Each range once and in order across rounds,
    /// from where the first round started (history before that is the read side's to give).
    /// </summary>
    public event Action<string, long, long>? Applied;

    public string Shard => options.Shard;

    /// <summary>The last record this bridge's mirror of the shard applied.</summary>
    public long Sequence => _projection?.Sequence ?? 0;

    /// <summary>This bridge's mirror of the shard (read it only while the projector is idle).</summary>
    public Engine.State.TradingState? State => _projection?.State;

    /// <summary>Records this bridge wrote since start (those others wrote first are not counted).</summary>
    public long Written { get; private set; }

    /// <summary>Why the last round ended, or null while it runs.</summary>
    public string? LastError { get; private set; }

    public void Start() => _run.Start(RunAsync);

    public async ValueTask DisposeAsync()
    {
        await _run.DisposeAsync().ConfigureAwait(false);
        await _database.DisposeAsync().ConfigureAwait(false);
    }

    private Task RunAsync(CancellationToken stop) =>
        RetryLoop.RunAsync(RoundAsync, TookProgress, e =>
        {
            // the next round starts from what the database holds, whatever this one met
            if (LastError != e.Message)
            {
                LogFailed(logger, options.Shard, e.Message);
            }

            LastError = e.Message;
            return true;
        }, TimeSpan.FromMilliseconds(50), options.MaxBackoff, stop);

    /// <summary>Whether the round just ended read the stream (and forgets it for the next).</summary>
    private bool TookProgress()
    {
        var read = _roundRead;
        _roundRead = false;
        return read;
    }

    private async Task RoundAsync(CancellationToken stop)
    {
        await ReadSideSchema.EnsureAsync(_database, stop).ConfigureAwait(false);
        var projection = new ShardProjection(options.Shard, options.Projector, registry, account, options.SnapshotEveryRecords);
        var from = await projection.LoadAsync(_database, stop).ConfigureAwait(false);
        _projection = projection;
        if (_announced < 0)
        {
            _announced = from - 1;
        }

        using var round = CancellationTokenSource.CreateLinkedTokenSource(stop); // outlives the connection, whose disposal raises its event
        await using var nats = new NatsConnection(new NatsOpts { Url = options.Nats, Name = $"ll-read-side-{options.Projector}", MaxReconnectRetry = 0, ConnectTimeout = TimeSpan.FromSeconds(2) });
        nats.ConnectionDisconnected += (_, _) =>
        {
            round.Cancel(); // a consumer would wait for a reconnection that this round never makes
            return ValueTask.CompletedTask;
        };
        await nats.ConnectAsync().ConfigureAwait(false);
        var records = Channel.CreateBounded<ProjectedRecord>(new BoundedChannelOptions(4 * options.BatchRecords) { SingleReader = true, SingleWriter = true });
        var reading = Task.Run(async () =>
        {
            try
            {
                await JournalStreamReader.ReadAsync(new NatsJSContext(nats), options.Shard, from, records.Writer, round.Token).ConfigureAwait(false);
                records.Writer.TryComplete(new IOException("the stream's consumer ended"));
            }
            catch (Exception e)
            {
                records.Writer.TryComplete(e);
            }
        }, CancellationToken.None);
        try
        {
            LastError = null;
            var batch = new List<ProjectedRecord>(options.BatchRecords);
            while (await records.Reader.WaitToReadAsync(round.Token).ConfigureAwait(false))
            {
                batch.Clear();
                while (batch.Count < options.BatchRecords && records.Reader.TryRead(out var record))
                {
                    batch.Add(record);
                }

                Written += await projection.ProjectAsync(_database, batch, round.Token).ConfigureAwait(false);
                _roundRead = true;
                if (projection.Sequence > _announced)
                {
                    Applied?.Invoke(options.Shard, _announced, projection.Sequence);
                    _announced = projection.Sequence;
                }
            }

            await records.Reader.Completion.ConfigureAwait(false); // rethrows why reading ended
        }
        catch (OperationCanceledException) when (!stop.IsCancellationRequested)
        {
            throw new NatsException($"the connection to {options.Nats} was lost");
        }
        finally
        {
            await round.CancelAsync().ConfigureAwait(false);
            await reading.ConfigureAwait(false);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "read side: shard {Shard}: {Problem}; starting again from the database")]
    private static partial void LogFailed(ILogger logger, string shard, string problem);
}
