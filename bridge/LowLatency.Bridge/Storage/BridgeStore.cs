using System.Threading.Channels;
using LowLatency.History;
using Microsoft.Data.Sqlite;

namespace LowLatency.Bridge.Storage;

/// <summary>
/// The bridge's read-side history in SQLite (one file under the data directory, beside the bars of
/// <see cref="SqliteBarStore"/> when they are kept there): orders, fills, closed positions, the audit trail of
/// commands, backtest results. Writes are queued and applied by one background writer in transactions, so the
/// engine link never waits on the disk; reads open their own connections (WAL).
/// </summary>
public sealed partial class BridgeStore : IAsyncDisposable
{
    private readonly string _connectionString;
    private readonly Channel<Action<SqliteCommand>> _writes = Channel.CreateUnbounded<Action<SqliteCommand>>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Task _writer;
    private readonly ILogger _logger;

    public BridgeStore(string path, ILogger<BridgeStore> logger)
    {
        ArgumentNullException.ThrowIfNull(path);
        _logger = logger;
        Path = System.IO.Path.GetFullPath(path);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(Path)!);
        _connectionString = HistoryDatabase.ConnectionString(Path);
        using (var connection = Open())
        {
            using var command = connection.CreateCommand();
            command.CommandText = Schema.Sql;
            command.ExecuteNonQuery();
        }

        _writer = Task.Run(WriteLoopAsync);
    }

    public string Path { get; }

    /// <summary>Writes queued and not yet committed.</summary>
    public int Pending => _writes.Reader.Count;

    public SqliteConnection Open()
    {
        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        return connection;
    }

    /// <summary>Queues a write (parameters bound on the writer's command); never blocks.</summary>
    public void Write(Action<SqliteCommand> write) => _writes.Writer.TryWrite(write);

    /// <summary>Completes when every write queued before the call is committed (tests, shutdown).</summary>
    public Task FlushAsync()
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Write(_ => done.TrySetResult());
        return done.Task;
    }

    public async ValueTask DisposeAsync()
    {
        _writes.Writer.TryComplete();
        await _writer.ConfigureAwait(false);
    }

    private async Task WriteLoopAsync()
    {
        await using var connection = Open();
        while (await _writes.Reader.WaitToReadAsync().ConfigureAwait(false))
        {
            await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync().ConfigureAwait(false);
            var count = 0;
            while (count < 10_000 && _writes.Reader.TryRead(out var write))
            {
                await using var command = connection.CreateCommand();
                command.Transaction = transaction;
                try
                {
                    write(command);
                }
                catch (SqliteException e)
                {
                    LogWriteFailed(_logger, e.Message);
                }

                count++;
            }

            await transaction.CommitAsync().ConfigureAwait(false);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "History store write failed: {Message}")]
    private static partial void LogWriteFailed(ILogger logger, string message);
}
